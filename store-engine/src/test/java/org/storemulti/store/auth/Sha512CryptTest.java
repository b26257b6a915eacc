package org.storemulti.store.auth;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our SHA512-CRYPT gives glibc's and commons-codec's answers for every key length, salt and rounds setting. */
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

    /**
     * Drepper's specification's SHA-512 examples (custom rounds, salts cut to 16 characters,
     * rounds below 1,000 raised to it), then answers of glibc's crypt(3) (Debian 12's libxcrypt,
     * through python3's ctypes): an empty password, UTF-8 and Latin-1 bytes, every byte value,
     * a key longer than a block. libxcrypt agrees with every example but the last, which it
     * refuses (rounds=10) where the specification, commons-codec and we raise the rounds.
     */
    static Stream<Arguments> publishedAndGlibcHashes() {
        byte[] everyByte = new byte[255];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) (i + 1);
        }
        return Stream.of(
                arguments("Hello world!".getBytes(UTF_8), "$6$saltstring",
                        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"),
                arguments("Hello world!".getBytes(UTF_8), "$6$rounds=10000$saltstringsaltstring",
                        "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."),
                arguments("This is just a test".getBytes(UTF_8), "$6$rounds=5000$toolongsaltstring",
                        "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0"),
                arguments("a very much longer text to encrypt.  This one even stretches over morethan one line.".getBytes(UTF_8),
                        "$6$rounds=1400$anotherlongsaltstring",
                        "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1"),
                arguments("we have a short salt string but not a short password".getBytes(UTF_8), "$6$rounds=77777$short",
                        "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0"),
                arguments("a short string".getBytes(UTF_8), "$6$rounds=123456$asaltof16chars..",
                        "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1"),
                arguments("the minimum number is still observed".getBytes(UTF_8), "$6$rounds=10$roundstoolow",
                        "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX."),
                arguments(new byte[0], "$6$emptypassword",
                        "$6$emptypassword$A8Ea6Wwj4ySnvoqOM4sUC2F4f0eItLKq6JSZfH54nEdUj6OuFyprcTM7OjcT8lDS8/7KQ9w5/UyNhgAfQ9w5K1"),
                arguments("caf\u00e9 na\u00efve".getBytes(UTF_8), "$6$utf8salt",
                        "$6$utf8salt$RVV2emYSFVdeqBR7QOeLnYSkJcb.PMXcry0Nflzi7vrO0Vqx0cf0bfIzEHC98iJ3DHidjmQbytls.pwiWwzJ5."),
                arguments("caf\u00e9".getBytes(ISO_8859_1), "$6$latin1salt",
                        "$6$latin1salt$sGAU1t266wN2aIH9uVkoC6jG8e7smgYuPgC3OQlSjEM3x7L5PwJIp2bO.bepZVmS/nBpykXiIvPrrigxri6r91"),
                arguments(everyByte, "$6$rounds=1000$allbytes",
                        "$6$rounds=1000$allbytes$iMilVOhqwHwZm.HyZbo39UKW2lPL0YTLhzgwIGmpytbcpvfE48l0UitFCB6833VXdO0whUFSxinHouubQjMAQ/"),
                arguments("x".repeat(200).getBytes(UTF_8), "$6$rounds=2000$longkey1234567890",
                        "$6$rounds=2000$longkey123456789$ZRWDCanXS1p8vLkonwcHZDtH.t5D7cVeQIq.mOEGVrc1eiHZyhflEsskK1FrFh2.jKn.s7W8ugIk.X93sWiD5/"));
    }

    @ParameterizedTest
    @MethodSource("publishedAndGlibcHashes")
    void theSpecificationsExamplesAndGlibcsAnswersComeOutTheSame(byte[] key, String setting, String expected) {
        assertEquals(expected, Sha512Crypt.crypt(key, setting));
        assertEquals(expected, Sha512Crypt.crypt(key, expected), "the stored hash as the setting");
    }

    @Test
    void storedHashesVerifyTheirPasswordAndNoOther() {
        String stored = PasswordHash.of("bench secret");
        assertTrue(PasswordHash.verify(stored, "bench secret"));
        assertFalse(PasswordHash.verify(stored, "bench secret "));
        assertFalse(PasswordHash.verify(stored, ""));
    }
}
