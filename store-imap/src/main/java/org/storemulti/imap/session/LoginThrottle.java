package org.storemulti.imap.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.storemulti.imap.LoginPolicy;
import org.storemulti.store.name.UserName;

/**
 * Failed logins per login name and per client address, and when each may try again
 * ({@link LoginPolicy} says the rule). An attempt asks {@link #admit} how long to wait
 * before its password is checked, and reports {@link #failed} or {@link #succeeded}. A
 * name or address with failures has its attempts spaced: each admitted attempt takes the
 * next free time, so parallel connections wait in line instead of guessing together.
 *
 * <p>IPv6 clients count by their /64 network (one host usually has a whole one). The
 * table holds at most {@link LoginPolicy#throttleEntries()} keys, evicting the least
 * recently used: memory stays bounded whatever names a flood of guesses tries.
 * Thread-safe (one lock; every operation is a few map lookups).
 */
final class LoginThrottle {

    /** Failures older than this are forgotten. */
    static final long FORGET_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final LongSupplier nanoTime;
    private volatile LoginPolicy policy;
    private final Map<Object, Entry> entries;

    /** What is known of one name or address. */
    private static final class Entry {
        int failures;
        long lastFailure;
        /** Earliest time (nanoTime) the next attempt may be checked. */
        long next;
    }

    LoginThrottle(LoginPolicy policy, LongSupplier nanoTime) {
        this.policy = policy;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
                return size() > LoginThrottle.this.policy.throttleEntries();
            }
        };
    }

    /** Takes a new policy (a reload); what is remembered stays. */
    void reconfigure(LoginPolicy next) {
        policy = next;
    }

    /**
     * Reserves the next attempt for {@code login} from {@code address} (null: a local
     * client, not throttled by address) and returns how many nanoseconds it must wait
     * before its password is checked: 0 for a name and address without recent failures.
     */
    synchronized long admit(InetAddress address, String login) {
        long now = nanoTime.getAsLong();
        long start = now;
        List<Entry> throttled = new java.util.ArrayList<>(2);
        for (Object key : keys(address, login)) {
            Entry e = current(key, now);
            if (e != null && e.failures > 0) {
                start = Math.max(start, e.next);
                throttled.add(e);
            }
        }
        for (Entry e : throttled) {
            e.next = start + delay(e.failures);
        }
        return start - now;
    }

    /** The attempt failed: the name and the address wait longer next time. */
    synchronized void failed(InetAddress address, String login) {
        long now = nanoTime.getAsLong();
        for (Object key : keys(address, login)) {
            Entry e = current(key, now);
            if (e == null) {
                e = new Entry();
                entries.put(key, e);
            }
            e.failures = Math.min(e.failures + 1, 62);
            e.lastFailure = now;
            e.next = Math.max(e.next, now + delay(e.failures));
        }
    }

    /** The password was right: the name and the address start over. */
    synchronized void succeeded(InetAddress address, String login) {
        for (Object key : keys(address, login)) {
            entries.remove(key);
        }
    }

    /** Names and addresses remembered now. */
    synchronized int size() {
        return entries.size();
    }

    /** The wait after {@code failures} failures: the first delay, doubled per further failure, capped. */
    long delay(int failures) {
        LoginPolicy p = policy;
        long first = p.failureDelay().toNanos();
        long max = p.maxFailureDelay().toNanos();
        if (failures <= 0 || first == 0) {
            return 0;
        }
        int doublings = Math.min(failures - 1, 40);
        long delay = first > (max >> doublings) ? max : first << doublings;
        return Math.min(delay, max);
    }

    private Entry current(Object key, long now) {
        Entry e = entries.get(key);
        if (e != null && now - e.lastFailure > FORGET_NANOS && now - e.next > 0) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private static List<Object> keys(InetAddress address, String login) {
        Object name = new Name(UserName.folded(login));
        return address == null ? List.of(name) : List.of(name, new Network(network(address)));
    }

    /** The address, or an IPv6 address's /64 network. */
    private static byte[] network(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet6Address ? Arrays.copyOf(bytes, 8) : bytes;
    }

    /** A login name as a key, ASCII case folded. */
    private record Name(String folded) {
    }

    /** An address (or IPv6 /64) as a key. */
    private record Network(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Network n && Arrays.equals(bytes, n.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return Arrays.toString(bytes);
        }
    }
}
