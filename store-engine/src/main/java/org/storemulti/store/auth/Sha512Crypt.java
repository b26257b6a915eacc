package org.storemulti.store.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SHA512-CRYPT ({@code $6$}, Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512") for
 * checking a password against a stored hash. The same function as glibc's crypt(3) and
 * commons-codec's {@code Sha2Crypt} (the tests compare them: the specification's examples,
 * glibc's answers, seeded random input against commons-codec). Written for the daemon's C1
 * compiler: the 5,000 rounds run on {@link Sha512} with each round's input padded once per
 * shape and only the previous digest rewritten into it (commons-codec looks a new digest up
 * from the security providers in each round; even one reused {@code MessageDigest} left an
 * IMAP LOGIN slower than Dovecot's, BENCHMARKS.md).
 */
final class Sha512Crypt {

    static final String PREFIX = "$6$";
    private static final String ROUNDS = "rounds=";
    private static final int DEFAULT_ROUNDS = 5000;
    private static final int MIN_ROUNDS = 1000;
    private static final int MAX_ROUNDS = 999_999_999;
    private static final int SALT_MAX = 16;
    private static final char[] ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** Which bytes of the final digest make each group of four characters (the scheme's fixed order). */
    private static final int[][] ORDER = {{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4},
        {47, 5, 26}, {6, 27, 48}, {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54},
        {34, 55, 13}, {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19},
        {62, 20, 41}};

    private Sha512Crypt() {
    }

    /**
     * The hash of {@code key} with the salt and rounds of {@code setting} ({@code
     * $6$[rounds=N$]salt[$hash]}), in the same form.
     */
    static String crypt(byte[] key, String setting) {
        if (!setting.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a SHA512-CRYPT setting: " + setting);
        }
        int at = PREFIX.length();
        int rounds = DEFAULT_ROUNDS;
        boolean customRounds = false;
        if (setting.startsWith(ROUNDS, at)) {
            int end = setting.indexOf('$', at);
            if (end < 0) {
                throw new IllegalArgumentException("SHA512-CRYPT rounds without a salt: " + setting);
            }
            rounds = (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS,
                    Long.parseLong(setting, at + ROUNDS.length(), end, 10)));
            customRounds = true;
            at = end + 1;
        }
        int saltEnd = setting.indexOf('$', at);
        String saltText = setting.substring(at, saltEnd < 0 ? setting.length() : saltEnd);
        saltText = saltText.substring(0, Math.min(SALT_MAX, saltText.length()));
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        byte[] digest = rounds(key, salt, rounds);
        StringBuilder out = new StringBuilder(PREFIX);
        if (customRounds) {
            out.append(ROUNDS).append(rounds).append('$');
        }
        out.append(saltText).append('$');
        for (int[] group : ORDER) {
            encode(out, digest[group[0]], digest[group[1]], digest[group[2]], 4);
        }
        encode(out, (byte) 0, (byte) 0, digest[63], 2);
        return out.toString();
    }

    private static byte[] rounds(byte[] key, byte[] salt, int rounds) {
        Sha512 sha = new Sha512();
        byte[] alternate = Sha512.bytes(digest(sha, List.of(key, salt, key)));
        List<byte[]> start = new ArrayList<>(List.of(key, salt, sequence(alternate, key.length)));
        for (int n = key.length; n > 0; n >>= 1) {
            start.add((n & 1) != 0 ? alternate : key);
        }
        long[] a = digest(sha, start);
        byte[] p = sequence(Sha512.bytes(digest(sha, Collections.nCopies(key.length, key))), key.length);
        int saltTimes = 16 + (int) (a[0] >>> 56);
        byte[] s = sequence(Sha512.bytes(digest(sha, Collections.nCopies(saltTimes, salt))), salt.length);
        Round[] shapes = new Round[Round.SHAPES];
        for (int shape = 0; shape < shapes.length; shape++) {
            shapes[shape] = new Round(shape, p, s);
        }
        for (int i = 0; i < rounds; i++) {
            Round round = shapes[Round.shape(i)];
            round.place(a);
            sha.digest(round.words, a);
        }
        return Sha512.bytes(a);
    }

    /** The digest of the parts one after the other, as 8 words. */
    private static long[] digest(Sha512 sha, List<byte[]> parts) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        parts.forEach(message::writeBytes);
        long[] out = new long[8];
        sha.digest(Sha512.pad(message.toByteArray(), message.size()), out);
        return out;
    }

    /** {@code length} bytes of {@code digest} repeated. */
    private static byte[] sequence(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i += digest.length) {
            System.arraycopy(digest, 0, out, i, Math.min(digest.length, length - i));
        }
        return out;
    }

    private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int characters) {
        int w = (b2 & 0xff) << 16 | (b1 & 0xff) << 8 | b0 & 0xff;
        for (int i = 0; i < characters; i++) {
            out.append(ITOA64[w & 0x3f]);
            w >>>= 6;
        }
    }

    /**
     * One of the eight shapes a round's input takes: the previous digest (A) and the fixed P
     * and S sequences, by whether the round number is odd and whether it divides by 3 and by 7
     * ({@code odd: P [S] [P] A}, {@code even: A [S] [P] P}). Each shape is padded once; a
     * round only writes the new A into its words.
     */
    private static final class Round {

        static final int SHAPES = 8;
        /** The padded input, A's bytes included. */
        final long[] words;
        /** The word A starts in, and how many bits into it. */
        private final int first;
        private final int shift;
        /** The other bytes sharing A's first and last word, when A does not start on a word. */
        private final long head;
        private final long tail;

        Round(int shape, byte[] p, byte[] s) {
            boolean odd = (shape & 4) != 0;
            ByteArrayOutputStream beside = new ByteArrayOutputStream();
            if (odd) {
                beside.writeBytes(p);
            }
            if ((shape & 2) != 0) {
                beside.writeBytes(s);
            }
            if ((shape & 1) != 0) {
                beside.writeBytes(p);
            }
            if (!odd) {
                beside.writeBytes(p);
            }
            int at = odd ? beside.size() : 0;
            byte[] message = new byte[beside.size() + 64]; // A's 64 bytes stay zero here: place writes them
            System.arraycopy(beside.toByteArray(), 0, message, odd ? 0 : 64, beside.size());
            words = Sha512.pad(message, message.length);
            first = at >> 3;
            shift = 8 * (at & 7);
            head = words[first];
            tail = shift == 0 ? 0 : words[first + 8];
        }

        /** The shape of round {@code i}. */
        static int shape(int i) {
            return (i & 1) << 2 | (i % 3 != 0 ? 2 : 0) | (i % 7 != 0 ? 1 : 0);
        }

        /** Writes digest {@code a} (8 words) where A goes. */
        void place(long[] a) {
            if (shift == 0) {
                System.arraycopy(a, 0, words, first, 8);
                return;
            }
            words[first] = head | a[0] >>> shift;
            for (int j = 1; j < 8; j++) {
                words[first + j] = a[j - 1] << 64 - shift | a[j] >>> shift;
            }
            words[first + 8] = tail | a[7] << 64 - shift;
        }
    }
}
