package org.storemulti.store.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our SHA512-CRYPT gives commons-codec's answer for every key length, salt and rounds setting. */
class Sha512CryptTest {

    private static final String SALT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    static Stream<Integer> seeds() {
        return IntStream.range(0, 40).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void seededRandomKeysSaltsAndRoundsHashAsCommonsCodecHashesThem(int seed) {
        Random random = new Random(1300 + seed);
        byte[] key = new byte[seed < 3 ? seed : random.nextInt(seed % 2 == 0 ? 70 : 300)];
        random.nextBytes(key);
        StringBuilder salt = new StringBuilder();
        for (int n = 1 + random.nextInt(20); n > 0; n--) {
            salt.append(SALT_CHARS.charAt(random.nextInt(SALT_CHARS.length())));
        }
        String setting = switch (seed % 4) {
            case 0 -> "$6$" + salt;
            case 1 -> "$6$rounds=" + (1000 + random.nextInt(3000)) + "$" + salt;
            case 2 -> "$6$rounds=" + random.nextInt(1000) + "$" + salt; // below the minimum: 1000
            default -> "$6$" + salt + "$";
        };
        // commons-codec wipes the key it is given: a copy each
        assertEquals(Sha2Crypt.sha512Crypt(key.clone(), setting), Sha512Crypt.crypt(key.clone(), setting), setting);
    }

    @Test
    void theSchemesOwnExampleComesOutAsPublished() {
        // from Drepper's specification, test vector 1
        assertEquals("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
                Sha512Crypt.crypt("Hello world!".getBytes(UTF_8), "$6$saltstring"));
    }

    @Test
    void storedHashesVerifyTheirPasswordAndNoOther() {
        String stored = PasswordHash.of("bench secret");
        assertTrue(PasswordHash.verify(stored, "bench secret"));
        assertFalse(PasswordHash.verify(stored, "bench secret "));
        assertFalse(PasswordHash.verify(stored, ""));
    }
}
