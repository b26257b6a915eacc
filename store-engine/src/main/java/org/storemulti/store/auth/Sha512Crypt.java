package org.storemulti.store.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA512-CRYPT ({@code $6$}, Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512") for
 * checking a password against a stored hash. The same function as commons-codec's {@code
 * Sha2Crypt} (the tests compare them on seeded random input), with one {@link MessageDigest}
 * reset between rounds: commons-codec looks a new digest up from the security providers in
 * each of the 5,000 rounds, which was most of an IMAP LOGIN's time (BENCHMARKS.md).
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
        MessageDigest md = sha512();
        md.update(key);
        md.update(salt);
        md.update(key);
        byte[] alternate = md.digest();
        md.update(key);
        md.update(salt);
        repeat(md, alternate, key.length);
        for (int n = key.length; n > 0; n >>= 1) {
            md.update((n & 1) != 0 ? alternate : key);
        }
        byte[] a = md.digest();
        for (int i = 0; i < key.length; i++) {
            md.update(key);
        }
        byte[] p = sequence(md.digest(), key.length);
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(salt);
        }
        byte[] s = sequence(md.digest(), salt.length);
        for (int i = 0; i < rounds; i++) {
            md.update((i & 1) != 0 ? p : a);
            if (i % 3 != 0) {
                md.update(s);
            }
            if (i % 7 != 0) {
                md.update(p);
            }
            md.update((i & 1) != 0 ? a : p);
            a = md.digest();
        }
        return a;
    }

    /** {@code length} bytes of {@code digest} repeated. */
    private static void repeat(MessageDigest md, byte[] digest, int length) {
        int n = length;
        for (; n > digest.length; n -= digest.length) {
            md.update(digest);
        }
        md.update(digest, 0, n);
    }

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

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }
}
