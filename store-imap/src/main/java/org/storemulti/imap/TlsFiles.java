package org.storemulti.imap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS identity from two PEM files, as Postfix and Dovecot take them: a
 * private key ({@code -----BEGIN PRIVATE KEY-----}, unencrypted PKCS#8: RSA, EC or
 * Ed25519) and a certificate chain (server certificate first). A test pair:
 *
 * <pre>
 * openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost \
 *         -keyout key.pem -out cert.pem
 * </pre>
 *
 * An old-style {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY} file is
 * refused with the command that converts it: {@code openssl pkcs8 -topk8 -nocrypt}.
 */
public final class TlsFiles {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private TlsFiles() {
    }

    /** Key or certificate files that cannot be used; the message names the file and the fix. */
    public static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }

    /** A TLS context (TLS 1.2 and 1.3) serving the key and certificate chain in these files. */
    public static SSLContext load(Path keyFile, Path certificateFile) throws InvalidException {
        PrivateKey key = privateKey(keyFile);
        List<Certificate> chain = certificates(certificateFile);
        try {
            // only a carrier for the key manager, never written: JKS wraps the key in
            // microseconds where PKCS12 runs 10,000 PBKDF2 rounds each way (~100 ms at start-up)
            char[] password = "in-memory".toCharArray();
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidException(certificateFile, "does not go with the key in " + keyFile + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) throws InvalidException {
        String text = read(file);
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw new InvalidException(file, "no PEM block; expected -----BEGIN PRIVATE KEY-----");
        }
        if (!pem.group(1).equals("PRIVATE KEY")) {
            throw new InvalidException(file, "a " + pem.group(1) + " is not an unencrypted PKCS#8 key; convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out NEW.pem'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException e) {
            throw new InvalidException(file, "the key is not valid BASE64: " + e.getMessage());
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new InvalidException(file, "not an RSA, EC or Ed25519 private key");
    }

    private static List<Certificate> certificates(Path file) throws InvalidException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new InvalidException(file, "no certificate; expected -----BEGIN CERTIFICATE-----");
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new InvalidException(file, "not a PEM certificate chain: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidException(file, "cannot read: " + e.getMessage());
        }
    }

    private static String read(Path file) throws InvalidException {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidException(file, "cannot read: " + e.getMessage());
        }
    }
}
