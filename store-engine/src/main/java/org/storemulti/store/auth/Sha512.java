package org.storemulti.store.auth;

/**
 * SHA-512 (FIPS 180-4) on messages laid out as big-endian 64-bit words, for {@link
 * Sha512Crypt}'s 5,000 rounds.
 *
 * <p>Why not {@link java.security.MessageDigest}: the daemon runs C1 only (BENCHMARKS.md, "The
 * daemon's compiler"), and C1 has no SHA-512 intrinsic, so the JDK's SHA-512 is plain Java
 * there, behind a byte buffer every update copies into and a byte array every digest
 * allocates. A password check is 5,000 digests of one or two blocks each, so that overhead was
 * a large part of an IMAP LOGIN. Here a message is padded once into words ({@link #pad}), the
 * caller rewrites in place the words that change from one digest to the next, and {@link
 * #compress} keeps the working variables and the message schedule in locals (about 15% faster
 * under C1 than a schedule array). The tests compare it with the JDK's SHA-512.
 */
final class Sha512 {

    /** Words in one 1024-bit block. */
    private static final int BLOCK_WORDS = 16;
    /** Initial hash value. */
    private static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L};
    private static final long[] K = {
        0x428a2f98d728ae22L, 0x7137449123ef65cdL, 0xb5c0fbcfec4d3b2fL, 0xe9b5dba58189dbbcL,
        0x3956c25bf348b538L, 0x59f111f1b605d019L, 0x923f82a4af194f9bL, 0xab1c5ed5da6d8118L,
        0xd807aa98a3030242L, 0x12835b0145706fbeL, 0x243185be4ee4b28cL, 0x550c7dc3d5ffb4e2L,
        0x72be5d74f27b896fL, 0x80deb1fe3b1696b1L, 0x9bdc06a725c71235L, 0xc19bf174cf692694L,
        0xe49b69c19ef14ad2L, 0xefbe4786384f25e3L, 0x0fc19dc68b8cd5b5L, 0x240ca1cc77ac9c65L,
        0x2de92c6f592b0275L, 0x4a7484aa6ea6e483L, 0x5cb0a9dcbd41fbd4L, 0x76f988da831153b5L,
        0x983e5152ee66dfabL, 0xa831c66d2db43210L, 0xb00327c898fb213fL, 0xbf597fc7beef0ee4L,
        0xc6e00bf33da88fc2L, 0xd5a79147930aa725L, 0x06ca6351e003826fL, 0x142929670a0e6e70L,
        0x27b70a8546d22ffcL, 0x2e1b21385c26c926L, 0x4d2c6dfc5ac42aedL, 0x53380d139d95b3dfL,
        0x650a73548baf63deL, 0x766a0abb3c77b2a8L, 0x81c2c92e47edaee6L, 0x92722c851482353bL,
        0xa2bfe8a14cf10364L, 0xa81a664bbc423001L, 0xc24b8b70d0f89791L, 0xc76c51a30654be30L,
        0xd192e819d6ef5218L, 0xd69906245565a910L, 0xf40e35855771202aL, 0x106aa07032bbd1b8L,
        0x19a4c116b8d2d0c8L, 0x1e376c085141ab53L, 0x2748774cdf8eeb99L, 0x34b0bcb5e19b48a8L,
        0x391c0cb3c5c95a63L, 0x4ed8aa4ae3418acbL, 0x5b9cca4f7763e373L, 0x682e6ff3d6b2b8a3L,
        0x748f82ee5defb2fcL, 0x78a5636f43172f60L, 0x84c87814a1f0ab72L, 0x8cc702081a6439ecL,
        0x90befffa23631e28L, 0xa4506cebde82bde9L, 0xbef9a3f7b2c67915L, 0xc67178f2e372532bL,
        0xca273eceea26619cL, 0xd186b8c721c0c207L, 0xeada7dd6cde0eb1eL, 0xf57d4f7fee6ed178L,
        0x06f067aa72176fbaL, 0x0a637dc5a2c898a6L, 0x113f9804bef90daeL, 0x1b710b35131c471bL,
        0x28db77f523047d84L, 0x32caab7b40c72493L, 0x3c9ebe0a15c9bebcL, 0x431d67c49c100d4cL,
        0x4cc5d4becb3e42b6L, 0x597f299cfc657e2aL, 0x5fcb6fab3ad6faecL, 0x6c44198c4a475817L};

    private final long[] state = new long[8];

    /** The digest of a message {@link #pad padded} into {@code words}, as 8 words in {@code out}. */
    void digest(long[] words, long[] out) {
        System.arraycopy(IV, 0, state, 0, 8);
        for (int at = 0; at < words.length; at += BLOCK_WORDS) {
            compress(words, at);
        }
        System.arraycopy(state, 0, out, 0, 8);
    }

    /**
     * {@code length} bytes of {@code message} padded as SHA-512 pads them (a 1 bit, zeros, the
     * length in bits), as big-endian words: one or more whole blocks.
     */
    static long[] pad(byte[] message, int length) {
        int blocks = (length + 17 + 127) / 128;
        long[] words = new long[blocks * BLOCK_WORDS];
        for (int i = 0; i < length; i++) {
            words[i >> 3] |= (message[i] & 0xffL) << (56 - 8 * (i & 7));
        }
        words[length >> 3] |= 0x80L << (56 - 8 * (length & 7));
        words[words.length - 1] = (long) length << 3; // lengths of 2^61 bytes and more never come here
        return words;
    }

    /** The 8 words of a digest as its 64 bytes. */
    static byte[] bytes(long[] digest) {
        byte[] out = new byte[64];
        for (int i = 0; i < 64; i++) {
            out[i] = (byte) (digest[i >> 3] >>> (56 - 8 * (i & 7)));
        }
        return out;
    }

    /**
     * One block into the state. The sixteen schedule words live in locals, not an array: a
     * turn of the loop is sixteen rounds, each line naming the eight working variables one
     * place further on instead of moving them, then the next sixteen schedule words.
     */
    private void compress(long[] words, int at) {
        long w0 = words[at];
        long w1 = words[at + 1];
        long w2 = words[at + 2];
        long w3 = words[at + 3];
        long w4 = words[at + 4];
        long w5 = words[at + 5];
        long w6 = words[at + 6];
        long w7 = words[at + 7];
        long w8 = words[at + 8];
        long w9 = words[at + 9];
        long w10 = words[at + 10];
        long w11 = words[at + 11];
        long w12 = words[at + 12];
        long w13 = words[at + 13];
        long w14 = words[at + 14];
        long w15 = words[at + 15];
        long[] s = state;
        long a = s[0];
        long b = s[1];
        long c = s[2];
        long d = s[3];
        long e = s[4];
        long f = s[5];
        long g = s[6];
        long h = s[7];
        for (int t = 0; t < 80; t += 16) {
            h += sigma1(e) + ch(e, f, g) + K[t] + w0; d += h; h += sigma0(a) + maj(a, b, c);
            g += sigma1(d) + ch(d, e, f) + K[t + 1] + w1; c += g; g += sigma0(h) + maj(h, a, b);
            f += sigma1(c) + ch(c, d, e) + K[t + 2] + w2; b += f; f += sigma0(g) + maj(g, h, a);
            e += sigma1(b) + ch(b, c, d) + K[t + 3] + w3; a += e; e += sigma0(f) + maj(f, g, h);
            d += sigma1(a) + ch(a, b, c) + K[t + 4] + w4; h += d; d += sigma0(e) + maj(e, f, g);
            c += sigma1(h) + ch(h, a, b) + K[t + 5] + w5; g += c; c += sigma0(d) + maj(d, e, f);
            b += sigma1(g) + ch(g, h, a) + K[t + 6] + w6; f += b; b += sigma0(c) + maj(c, d, e);
            a += sigma1(f) + ch(f, g, h) + K[t + 7] + w7; e += a; a += sigma0(b) + maj(b, c, d);
            h += sigma1(e) + ch(e, f, g) + K[t + 8] + w8; d += h; h += sigma0(a) + maj(a, b, c);
            g += sigma1(d) + ch(d, e, f) + K[t + 9] + w9; c += g; g += sigma0(h) + maj(h, a, b);
            f += sigma1(c) + ch(c, d, e) + K[t + 10] + w10; b += f; f += sigma0(g) + maj(g, h, a);
            e += sigma1(b) + ch(b, c, d) + K[t + 11] + w11; a += e; e += sigma0(f) + maj(f, g, h);
            d += sigma1(a) + ch(a, b, c) + K[t + 12] + w12; h += d; d += sigma0(e) + maj(e, f, g);
            c += sigma1(h) + ch(h, a, b) + K[t + 13] + w13; g += c; c += sigma0(d) + maj(d, e, f);
            b += sigma1(g) + ch(g, h, a) + K[t + 14] + w14; f += b; b += sigma0(c) + maj(c, d, e);
            a += sigma1(f) + ch(f, g, h) + K[t + 15] + w15; e += a; a += sigma0(b) + maj(b, c, d);
            if (t == 64) {
                break; // the last sixteen rounds need no further schedule words
            }
            w0 += small0(w1) + w9 + small1(w14);
            w1 += small0(w2) + w10 + small1(w15);
            w2 += small0(w3) + w11 + small1(w0);
            w3 += small0(w4) + w12 + small1(w1);
            w4 += small0(w5) + w13 + small1(w2);
            w5 += small0(w6) + w14 + small1(w3);
            w6 += small0(w7) + w15 + small1(w4);
            w7 += small0(w8) + w0 + small1(w5);
            w8 += small0(w9) + w1 + small1(w6);
            w9 += small0(w10) + w2 + small1(w7);
            w10 += small0(w11) + w3 + small1(w8);
            w11 += small0(w12) + w4 + small1(w9);
            w12 += small0(w13) + w5 + small1(w10);
            w13 += small0(w14) + w6 + small1(w11);
            w14 += small0(w15) + w7 + small1(w12);
            w15 += small0(w0) + w8 + small1(w13);
        }
        s[0] += a;
        s[1] += b;
        s[2] += c;
        s[3] += d;
        s[4] += e;
        s[5] += f;
        s[6] += g;
        s[7] += h;
    }

    private static long small0(long x) {
        return Long.rotateRight(x, 1) ^ Long.rotateRight(x, 8) ^ x >>> 7;
    }

    private static long small1(long x) {
        return Long.rotateRight(x, 19) ^ Long.rotateRight(x, 61) ^ x >>> 6;
    }

    private static long sigma0(long x) {
        return Long.rotateRight(x, 28) ^ Long.rotateRight(x, 34) ^ Long.rotateRight(x, 39);
    }

    private static long sigma1(long x) {
        return Long.rotateRight(x, 14) ^ Long.rotateRight(x, 18) ^ Long.rotateRight(x, 41);
    }

    private static long ch(long x, long y, long z) {
        return z ^ x & (y ^ z);
    }

    private static long maj(long x, long y, long z) {
        return x & y | z & (x | y);
    }
}
