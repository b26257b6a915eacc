package org.storemulti.store.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.storemulti.store.auth.PasswordHash;

/**
 * One {@code {SHA512-CRYPT}} password check (5,000 rounds), what an IMAP LOGIN spends its time
 * on: {@link PasswordHash#verify} next to commons-codec's {@code Sha2Crypt} in the same JVM.
 * Warm-up checks first (the daemon's compiler settles), then median, minimum and maximum of the
 * timed ones, in ms. Run by {@code bench/sha512crypt.sh} with the daemon's JVM flags.
 *
 * <p>Arguments: timed checks, warm-up checks, password, stored hash ({@code $6$...}).
 */
public final class PasswordCheckBenchmark {

    private PasswordCheckBenchmark() {
    }

    public static void main(String[] args) {
        int checks = Integer.parseInt(args[0]);
        int warmUp = Integer.parseInt(args[1]);
        String password = args[2];
        String hash = args[3];
        String stored = "{SHA512-CRYPT}" + hash;
        report("storemulti PasswordHash.verify", checks, warmUp, () -> PasswordHash.verify(stored, password));
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        report("commons-codec Sha2Crypt", checks, warmUp, () -> Sha2Crypt.sha512Crypt(key.clone(), hash).equals(hash));
    }

    private static void report(String name, int checks, int warmUp, BooleanSupplier check) {
        for (int i = 0; i < warmUp; i++) {
            require(check.getAsBoolean(), name);
        }
        double[] ms = new double[checks];
        for (int i = 0; i < checks; i++) {
            long start = System.nanoTime();
            require(check.getAsBoolean(), name);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-32s median %6.3f ms  min %6.3f  max %6.3f  (%d checks after %d)%n", name,
                ms[checks / 2], ms[0], ms[checks - 1], checks, warmUp);
    }

    private static void require(boolean matched, String name) {
        if (!matched) {
            throw new IllegalStateException(name + " refused the right password: the benchmark's hash is wrong");
        }
    }
}
