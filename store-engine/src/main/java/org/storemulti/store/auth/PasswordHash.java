package org.storemulti.store.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.storemulti.store.error.InvalidArgumentException;

/**
 * Passwords as stored: always {@code {SCHEME}hash}. New passwords become
 * {@code {SHA512-CRYPT}$6$salt$hash}; {@code {PBKDF2}$1$salt$rounds$hexhash} (Dovecot's
 * PBKDF2-HMAC-SHA1 format) is accepted as given. Verification compares in constant time.
 */
public final class PasswordHash {

    static final String SHA512_CRYPT = "{SHA512-CRYPT}";
    static final String PBKDF2 = "{PBKDF2}";

    private PasswordHash() {
    }

    /** Hashes a plain password; an already hashed {@code {SCHEME}...} value is checked and kept. */
    public static String of(String input) {
        if (input == null || input.isEmpty()) {
            throw new InvalidArgumentException("password", "", "empty");
        }
        if (input.startsWith("{") && input.indexOf('}') > 1) {
            requireKnownFormat(input);
            return input;
        }
        return SHA512_CRYPT + Sha2Crypt.sha512Crypt(input.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code password} matches the stored hash. */
    public static boolean verify(String stored, String password) {
        byte[] expected;
        byte[] actual;
        if (stored.startsWith(SHA512_CRYPT)) {
            String hash = stored.substring(SHA512_CRYPT.length());
            expected = hash.getBytes(StandardCharsets.US_ASCII);
            actual = Sha512Crypt.crypt(password.getBytes(StandardCharsets.UTF_8), hash)
                    .getBytes(StandardCharsets.US_ASCII);
        } else if (stored.startsWith(PBKDF2)) {
            String[] parts = stored.substring(PBKDF2.length()).split("\\$");
            expected = HexFormat.of().parseHex(parts[4]);
            actual = pbkdf2(password, parts[2], Integer.parseInt(parts[3]), expected.length);
        } else {
            return false;
        }
        return MessageDigest.isEqual(expected, actual);
    }

    private static void requireKnownFormat(String input) {
        String scheme = input.substring(0, input.indexOf('}') + 1);
        boolean valid;
        if (scheme.equals(SHA512_CRYPT)) {
            valid = input.substring(scheme.length()).matches("\\$6\\$(rounds=[0-9]+\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}");
        } else if (scheme.equals(PBKDF2)) {
            valid = input.substring(scheme.length()).matches("\\$1\\$[^$]+\\$[1-9][0-9]{0,8}\\$([0-9a-fA-F]{2}){16,64}");
        } else {
            throw new InvalidArgumentException("password scheme", scheme, "accepted: SHA512-CRYPT, PBKDF2");
        }
        if (!valid) {
            throw new InvalidArgumentException("password hash", scheme + "...", "malformed");
        }
    }

    private static byte[] pbkdf2(String password, String salt, int rounds, int length) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8),
                    rounds, length * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA1 missing from this JVM", e);
        }
    }
}
