package org.storemulti.sync.remote;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.UserMail;

/**
 * A peer reached through the sync protocol: each connection is a process started from a command
 * ({@link CommandConnection}) whose standard input and output speak to {@code storeadm
 * sync-server}. A user opened holds a connection until closed; worker threads of {@code -A} get
 * one each (started when none is idle). The peer is a store: names need no fitting.
 */
public final class RemoteLocation implements Location {

    /** Makes a new connection. */
    @FunctionalInterface
    interface Connector {
        Channel.Connection connect() throws IOException;
    }

    private final Connector connector;
    private final String description;
    private final Deque<Channel> idle = new ArrayDeque<>();
    private final List<Channel> all = new ArrayList<>();
    private final String identity;
    private final Set<Capability> capabilities;

    private RemoteLocation(Connector connector, String description, Channel first) {
        this.connector = connector;
        this.description = description;
        this.identity = first.identity();
        Set<Capability> known = EnumSet.noneOf(Capability.class);
        for (String name : first.capabilities()) {
            for (Capability capability : Capability.values()) {
                if (capability.name().equals(name)) {
                    known.add(capability); // names a newer server knows and we do not are left out
                }
            }
        }
        this.capabilities = known;
        all.add(first);
        idle.add(first);
    }

    /** Connects once (the server's identity and capabilities), keeping the connection for the first user. */
    static RemoteLocation connect(Connector connector, String description) throws IOException {
        Channel first = new Channel(connector.connect(), description).handshake();
        return new RemoteLocation(connector, description, first);
    }

    /** Connects to the server that {@code command} starts (its words, run without a shell). */
    public static RemoteLocation command(List<String> command) throws IOException {
        return connect(() -> CommandConnection.start(command), String.join(" ", command));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** A connection for one thread's use, started if none is idle. */
    Channel take() throws IOException {
        synchronized (this) {
            Channel channel = idle.poll();
            if (channel != null) {
                return channel;
            }
        }
        Channel fresh = new Channel(connector.connect(), description).handshake();
        synchronized (this) {
            all.add(fresh);
        }
        return fresh;
    }

    /** Gives a connection back; a broken one is ended instead. */
    void give(Channel channel) {
        if (channel.broken()) {
            synchronized (this) {
                all.remove(channel);
            }
            try {
                channel.close();
            } catch (IOException e) {
                // it is broken already
            }
            return;
        }
        synchronized (this) {
            idle.push(channel);
        }
    }

    @Override
    public List<String> users() throws IOException {
        Channel channel = take();
        try {
            return channel.request(Op.USERS, out -> { }, Wire::strings);
        } finally {
            give(channel);
        }
    }

    @Override
    public UserMail open(String user, boolean create) throws IOException {
        Channel channel = take();
        try {
            int[] handle = {0};
            String name = channel.request(Op.OPEN, out -> {
                Wire.string(out, user);
                out.writeBoolean(create);
            }, in -> {
                handle[0] = in.readInt();
                return Wire.string(in);
            });
            return new RemoteUserMail(this, channel, handle[0], name);
        } catch (IOException e) {
            give(channel);
            throw e;
        }
    }

    @Override
    public Optional<String> loadPeerState(String peerIdentity, String user) throws IOException {
        Channel channel = take();
        try {
            return Optional.ofNullable(channel.request(Op.LOAD_STATE, out -> {
                Wire.string(out, peerIdentity);
                Wire.string(out, user);
            }, Wire::string));
        } finally {
            give(channel);
        }
    }

    @Override
    public void savePeerState(String peerIdentity, String user, String state) throws IOException {
        Channel channel = take();
        try {
            channel.request(Op.SAVE_STATE, out -> {
                Wire.string(out, peerIdentity);
                Wire.string(out, user);
                Wire.string(out, state);
            });
        } finally {
            give(channel);
        }
    }

    /** Says goodbye on every connection and ends them. */
    @Override
    public void close() throws IOException {
        List<Channel> open;
        synchronized (this) {
            open = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        IOException first = null;
        for (Channel channel : open) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
