package org.storemulti.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A queue ID, unique by construction: 12 hex digits of the creation time in milliseconds
 * followed by 16 hex digits of randomness, e.g. {@code 019AB3C4D5E6F0123456789ABCDE}.
 * Never an inode number, so a queue file can be copied or moved to another queue or file
 * system without colliding; IDs sort by creation time.
 *
 * <p>The hashed subdirectory is the first random digit, so files spread evenly over
 * the 16 subdirectories whatever the time.
 */
record QueueId(String value) implements Comparable<QueueId> {

    private static final Pattern FORMAT = Pattern.compile("[0-9A-F]{28}");

    public QueueId {
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(value + ": not a queue ID (28 upper-case hex digits)");
        }
    }

    /** A fresh ID for a message created now. */
    public static QueueId next(Clock clock, RandomGenerator random) {
        return new QueueId(String.format("%012X%016X", clock.millis(), random.nextLong()));
    }

    /** The ID that {@code text} spells, or empty (temp files, strangers). */
    public static Optional<QueueId> tryParse(String text) {
        return FORMAT.matcher(text).matches() ? Optional.of(new QueueId(text)) : Optional.empty();
    }

    /** When the ID was made (millisecond precision). */
    public Instant created() {
        return Instant.ofEpochMilli(Long.parseLong(value.substring(0, 12), 16));
    }

    /** The name of the hashed subdirectory that holds this message's file. */
    public String hashDirectory() {
        return value.substring(12, 13);
    }

    @Override
    public int compareTo(QueueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
