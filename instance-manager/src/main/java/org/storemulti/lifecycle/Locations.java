package org.storemulti.lifecycle;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code config_directory=}, {@code queue_directory=} and {@code data_directory=}
 * arguments of create and import, checked: known names only, absolute, not the root.
 */
record Locations(Map<String, Path> given) {

    static final List<String> ALL = List.of("config_directory", "queue_directory", "data_directory");

    /** Parses {@code settings}, allowing only {@code allowed} names (a later duplicate wins). */
    static Locations parse(List<String> settings, Set<String> allowed, Action action, FileSystem fs) {
        Map<String, Path> given = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0 || setting.substring(0, equals).isBlank()) {
                throw new LifecycleException("Malformed parameter setting '" + setting + "': expected name=value");
            }
            String name = setting.substring(0, equals).strip();
            String value = setting.substring(equals + 1).strip();
            if (!allowed.contains(name)) {
                throw new LifecycleException("Parameter '" + name + "' not valid with action " + action.word()
                        + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (!value.startsWith("/")) {
                throw new LifecycleException("Parameter setting '" + setting + "' is not an absolute path");
            }
            Path path = fs.getPath(value).normalize();
            if (path.getNameCount() == 0) {
                throw new LifecycleException("Parameter setting '" + setting + "' is the root directory");
            }
            given.put(name, path);
        }
        return new Locations(Map.copyOf(given));
    }

    Optional<Path> get(String parameter) {
        return Optional.ofNullable(given.get(parameter));
    }

    /**
     * The directory for {@code parameter}: given, else the primary's with its last
     * component replaced by {@code name}, as {@code /var/spool/store} becomes
     * {@code /var/spool/store-a}.
     */
    Path resolve(String parameter, Path primaryValue, String name) {
        Optional<Path> explicit = get(parameter);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        if (name.isEmpty()) {
            throw new LifecycleException("Missing " + parameter + " parameter value: give " + parameter
                    + "=/path or a name with -I");
        }
        Path parent = primaryValue.getParent();
        if (parent == null) {
            throw new LifecycleException("Invalid default " + parameter + " parameter value: '" + primaryValue
                    + "': specify " + parameter + "=/path");
        }
        return parent.resolve(name);
    }
}
