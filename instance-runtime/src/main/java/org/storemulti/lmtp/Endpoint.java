package org.storemulti.lmtp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;

/**
 * One place a service listens: {@code unix:PATH} or {@code inet:HOST:PORT}, as written
 * in {@code lmtp_listen} / {@code imap_listen}.
 */
public record Endpoint(String text, SocketAddress address) {

    /** Longest UNIX socket path the kernel accepts (sun_path is 108 bytes with its NUL). */
    public static final int MAX_SOCKET_PATH = 107;

    /** Parses a list value (commas and/or white space); {@code parameter} names it in errors. */
    public static List<Endpoint> parseAll(String parameter, String value) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String word : InstanceConfig.words(value)) {
            endpoints.add(parse(parameter, word));
        }
        return List.copyOf(endpoints);
    }

    /** Parses one {@code unix:PATH} or {@code inet:HOST:PORT}. */
    public static Endpoint parse(String parameter, String text) {
        if (text.startsWith("unix:")) {
            String path = text.substring("unix:".length());
            if (!path.startsWith("/")) {
                throw new ConfigException(parameter + ": " + text + ": the socket path must be absolute");
            }
            if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                throw new ConfigException(parameter + ": " + text + ": socket path longer than "
                        + MAX_SOCKET_PATH + " bytes cannot be bound; use a shorter queue_directory or an inet: endpoint");
            }
            return new Endpoint(text, UnixDomainSocketAddress.of(Path.of(path)));
        }
        if (text.startsWith("inet:")) {
            String hostPort = text.substring("inet:".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException(parameter + ": " + text + ": expected inet:HOST:PORT");
            }
            String host = hostPort.substring(0, colon).replaceAll("^\\[|\\]$", "");
            try {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Endpoint(text, new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port));
            } catch (NumberFormatException e) {
                throw new ConfigException(parameter + ": " + text + ": bad port number");
            }
        }
        throw new ConfigException(parameter + ": " + text + ": expected unix:/path or inet:host:port");
    }

    /** The protocol family to open a channel with. */
    public StandardProtocolFamily family() {
        return address instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    @Override
    public String toString() {
        return text;
    }
}
