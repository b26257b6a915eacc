package org.storemulti.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway RSA key and self-signed certificate as the PEM files {@code imap_tls_key_file}
 * and {@code imap_tls_cert_file} name, made by this Java's own {@code keytool}, so that the
 * training daemon's IMAP service loads its TLS classes at start as a configured one does
 * (they are most of what start-up would otherwise load from outside the archive). Nothing
 * secret: the pair lives in the training's temporary directory and goes with it.
 */
final class TrainingCertificate {

    private static final char[] PASSWORD = "training".toCharArray();

    private TrainingCertificate() {
    }

    /** main.cf lines naming a new pair in {@code dir}, or empty when keytool could not make one. */
    static Optional<String> mainCfLines(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("training.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "training", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            Key key = store.getKey("training", PASSWORD);
            Path keyFile = pem(dir.resolve("key.pem"), "PRIVATE KEY", key.getEncoded());
            Path certFile = pem(dir.resolve("cert.pem"), "CERTIFICATE", store.getCertificate("training").getEncoded());
            return Optional.of("imap_tls_key_file = " + keyFile + "\nimap_tls_cert_file = " + certFile + "\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("the training key pair in " + keystore + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
