package org.storemulti.imap;

import java.net.SocketAddress;

/**
 * One place the IMAP service listens: a TCP address or a UNIX socket, speaking plain IMAP
 * (STARTTLS offered when TLS is configured) or TLS from the first octet ({@code imaps}).
 */
public record ImapListener(SocketAddress address, boolean implicitTls) {

    /** Plain IMAP at {@code address}. */
    public static ImapListener plain(SocketAddress address) {
        return new ImapListener(address, false);
    }

    /** Implicit TLS at {@code address} (RFC 8314), as port 993 speaks. */
    public static ImapListener tls(SocketAddress address) {
        return new ImapListener(address, true);
    }
}
