package org.storemulti.store.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our SHA-512 gives the JDK's answer for messages of every length around the block edges. */
class Sha512Test {

    /** Every length up to three blocks and a bit, so each padding edge (111/112, 239/240 bytes) is crossed. */
    static Stream<Integer> lengths() {
        return IntStream.rangeClosed(0, 400).boxed();
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void seededRandomMessagesDigestAsTheJdkDigestsThem(int length) throws NoSuchAlgorithmException {
        byte[] message = new byte[length + 3];
        new Random(512 + length).nextBytes(message);
        long[] digest = new long[8];
        new Sha512().digest(Sha512.pad(message, length), digest);
        MessageDigest jdk = MessageDigest.getInstance("SHA-512");
        jdk.update(message, 0, length);
        assertArrayEquals(jdk.digest(), Sha512.bytes(digest), "length " + length);
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void oneInstanceGivesTheSameDigestsOneMessageAfterAnother(int length) throws NoSuchAlgorithmException {
        Sha512 sha = new Sha512();
        long[] digest = new long[8];
        Random random = new Random(1024 + length);
        for (int n : new int[] {length, 400 - length, length / 2}) {
            byte[] message = new byte[n];
            random.nextBytes(message);
            sha.digest(Sha512.pad(message, n), digest);
            assertArrayEquals(MessageDigest.getInstance("SHA-512").digest(message), Sha512.bytes(digest), "length " + n);
        }
    }
}
