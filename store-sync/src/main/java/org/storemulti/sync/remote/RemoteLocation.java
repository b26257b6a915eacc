package org.storemulti.sync.remote;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.UserMail;

/**
 * A peer reached through the sync protocol: each connection is a process started from a command
 * ({@link CommandConnection}) whose standard input and output speak to {@code storeadm
 * sync-server}. A user opened holds a connection until closed; worker threads of {@code -A} get
 * one each (started when none is idle). A thread's pair locks pin the connection that took them
 * (see {@link #lockPeerState}). The peer is a store: names need no fitting.
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
    private final Map<Thread, Pin> pins = new HashMap<>();
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

    /**
     * The connection that holds a thread's pair locks: the server keeps a lock as long as the
     * connection that took it, so the connection stays out of the idle ones, lent to its thread's
     * requests when they need one, until the thread's last lock is released.
     */
    private static final class Pin {
        final Channel channel;
        int locks;
        boolean lent;

        Pin(Channel channel) {
            this.channel = channel;
        }
    }

    /** A connection for one thread's use: its pinned one if free, else an idle one, else a new one. */
    Channel take() throws IOException {
        synchronized (this) {
            Pin pin = pins.get(Thread.currentThread());
            if (pin != null && !pin.lent) {
                pin.lent = true;
                return pin.channel;
            }
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

    /**
     * Gives a connection back; a broken one is ended instead (a pinned one stays pinned, broken:
     * its locks went with it, and the thread's next requests fail at once).
     */
    void give(Channel channel) {
        synchronized (this) {
            Pin pin = pins.get(Thread.currentThread());
            if (pin != null && pin.channel == channel) {
                pin.lent = false;
                if (!channel.broken()) {
                    return;
                }
            }
        }
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

    /**
     * Takes the pair's lock at the server, on the connection pinned to this thread (the server
     * releases it when that connection ends, however it ends). A server without
     * {@link Capability#PEER_LOCK} does not know the request: nothing is locked there.
     */
    @Override
    public Closeable lockPeerState(String peerIdentity, String user) throws IOException {
        if (!capabilities.contains(Capability.PEER_LOCK)) {
            return () -> { };
        }
        Pin pin = pinned();
        int handle;
        boolean locked = false;
        try {
            handle = pin.channel.request(Op.LOCK_STATE, out -> {
                Wire.string(out, peerIdentity);
                Wire.string(out, user);
            }, DataInputStream::readInt);
            locked = true;
        } finally {
            giveBack(pin, locked ? 1 : 0);
        }
        return () -> unlock(pin, handle);
    }

    private void unlock(Pin pin, int handle) throws IOException {
        lend(pin);
        try {
            if (!pin.channel.broken()) {
                pin.channel.request(Op.UNLOCK_STATE, out -> out.writeInt(handle));
            }
        } catch (LocationException e) {
            if (!pin.channel.broken()) {
                throw e; // the server refused; a connection that failed took its locks with it
            }
        } finally {
            giveBack(pin, -1);
        }
    }

    /** This thread's pinned connection, lent for a lock request; pinned now if the thread had none. */
    private Pin pinned() throws IOException {
        Pin pin;
        synchronized (this) {
            pin = pins.get(Thread.currentThread());
        }
        if (pin == null) {
            pin = new Pin(take());
            pin.lent = true;
            synchronized (this) {
                pins.put(Thread.currentThread(), pin);
            }
        } else {
            lend(pin);
        }
        return pin;
    }

    private synchronized void lend(Pin pin) {
        if (pin.lent) {
            // a user open on this connection may be in the middle of a reply
            throw new IllegalStateException(description + ": a pair lock taken or released while its connection is in use");
        }
        pin.lent = true;
    }

    /** After a lock request: {@code change} locks more; the pin ends with its last lock. */
    private void giveBack(Pin pin, int change) {
        boolean last;
        synchronized (this) {
            pin.lent = false;
            pin.locks += change;
            last = pin.locks == 0;
        }
        if (last) {
            unpin(pin);
        }
    }

    /** The pin ends: its connection goes back to the idle ones (or is ended, broken). */
    private void unpin(Pin pin) {
        synchronized (this) {
            pins.values().remove(pin);
        }
        give(pin.channel);
    }

    /** Says goodbye on every connection and ends them. */
    @Override
    public void close() throws IOException {
        List<Channel> open;
        synchronized (this) {
            open = new ArrayList<>(all);
            all.clear();
            idle.clear();
            pins.clear();
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
