package org.storemulti.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each instance owns: its name and its config, queue and data directories; the
 * primary also owns the shared command and daemon directories. Two owners claiming the
 * same value, or a directory inside another owner's directory, is a conflict
 * (postmulti compares strings only and misses nesting; we compare normalized paths).
 */
public final class Claims {

    /** One owned value. */
    public record Claim(Instance owner, String parameter, String value) {

        boolean isPath() {
            return value.startsWith("/");
        }

        boolean shared() {
            return parameter.equals("command_directory") || parameter.equals("daemon_directory");
        }

        @Override
        public String toString() {
            return "instance " + owner.configDirectory() + ", " + parameter + "=" + value;
        }
    }

    private final List<Claim> claims;

    private Claims(List<Claim> claims) {
        this.claims = claims;
    }

    /** The claims of {@code instances}. */
    public static Claims of(List<Instance> instances) {
        List<Claim> claims = new ArrayList<>();
        for (Instance i : instances) {
            claims.addAll(claimsOf(i));
        }
        return new Claims(claims);
    }

    /** What one instance claims. */
    public static List<Claim> claimsOf(Instance i) {
        List<Claim> claims = new ArrayList<>();
        if (!i.name().isEmpty()) {
            claims.add(new Claim(i, "multi_instance_name", i.name()));
        }
        claims.add(new Claim(i, "config_directory", i.configDirectory().toString()));
        claims.add(new Claim(i, "queue_directory", i.queueDirectory().toString()));
        claims.add(new Claim(i, "data_directory", i.dataDirectory().toString()));
        if (i.primary()) {
            claims.add(new Claim(i, "command_directory", i.commandDirectory().toString()));
            claims.add(new Claim(i, "daemon_directory", i.daemonDirectory().toString()));
        }
        return claims;
    }

    /** Throws on the first conflict, naming both owners. */
    public void check() {
        Map<String, Claim> byValue = new HashMap<>();
        for (Claim c : claims) {
            Claim earlier = byValue.putIfAbsent(c.value(), c);
            if (earlier != null && conflicts(earlier, c)) {
                throw new ClaimConflictException(c + " conflicts with " + earlier);
            }
        }
        checkNesting();
    }

    private static boolean conflicts(Claim a, Claim b) {
        boolean sameOwner = a.owner().configDirectory().equals(b.owner().configDirectory())
                && a.owner().primary() == b.owner().primary();
        if (sameOwner && a.parameter().equals(b.parameter())) {
            return false;
        }
        // the primary may keep its commands and helper programs in one directory
        return !(sameOwner && a.shared() && b.shared());
    }

    /** For each owned path, looks its ancestors up: linear in the number of claims, not quadratic. */
    private void checkNesting() {
        Map<Path, List<Claim>> byPath = new HashMap<>();
        List<Map.Entry<Path, Claim>> owned = new ArrayList<>();
        for (Claim c : claims) {
            if (c.isPath()) {
                Path p = c.owner().configDirectory().getFileSystem().getPath(c.value());
                byPath.computeIfAbsent(p, k -> new ArrayList<>()).add(c);
                owned.add(Map.entry(p, c));
            }
        }
        for (Map.Entry<Path, Claim> e : owned) {
            Path inner = e.getKey();
            for (Path outer = inner.getParent(); outer != null; outer = outer.getParent()) {
                for (Claim c : byPath.getOrDefault(outer, List.of())) {
                    if (!c.owner().configDirectory().equals(e.getValue().owner().configDirectory())) {
                        throw new ClaimConflictException(e.getValue() + " lies inside " + c);
                    }
                }
            }
        }
    }

    /** Two instances claim the same value or nested directories. */
    public static final class ClaimConflictException extends RegistryException {

        private static final long serialVersionUID = 1L;

        ClaimConflictException(String message) {
            super(message);
        }
    }
}
