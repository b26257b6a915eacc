package org.storemulti.registry;

import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;

/**
 * The managed instances in list order: the primary first, then the secondaries in
 * {@code multi_instance_directories} order (the start order). Loading reads each
 * main.cf once, in this JVM, and checks every ownership claim: a registry that loads
 * is free of shared and nested directories.
 *
 * @param primaryConfig the primary's configuration, as read
 * @param instances the primary followed by the secondaries
 */
public record Registry(InstanceConfig primaryConfig, List<Instance> instances) {

    public Registry {
        instances = List.copyOf(instances);
    }

    /** Loads the primary at {@code primaryDirectory} and every secondary it lists. */
    public static Registry load(Path primaryDirectory) {
        return load(InstanceReader.load(primaryDirectory));
    }

    /** Loads the registry whose primary main.cf text is {@code primaryMainCf} (as read under a lock). */
    public static Registry load(Path primaryDirectory, MainCf primaryMainCf) {
        return load(InstanceConfig.of(primaryDirectory, primaryMainCf));
    }

    private static Registry load(InstanceConfig primaryConfig) {
        List<Path> directories = listedDirectories(primaryConfig);
        List<Instance> instances = new ArrayList<>(directories.size() + 1);
        instances.add(InstanceReader.read(primaryConfig, true, directories.isEmpty() ? Boolean.TRUE : null));
        for (Path directory : directories) {
            instances.add(InstanceReader.read(InstanceReader.load(directory), false, null));
        }
        Registry registry = new Registry(primaryConfig, instances);
        Claims.of(registry.instances()).check();
        return registry;
    }

    /**
     * One listed instance as far as it loads: its {@link Instance} and configuration, or
     * (both null) why it does not load. See {@link #loadEach}.
     */
    public record Attempt(Instance instance, InstanceConfig config, String problem) {

        static Attempt of(InstanceConfig config, boolean primary, Boolean enabledOverride) {
            try {
                return new Attempt(InstanceReader.read(config, primary, enabledOverride), config, null);
            } catch (RegistryException e) {
                return failed(e.getMessage());
            }
        }

        static Attempt failed(String problem) {
            return new Attempt(null, null, problem);
        }

        public boolean loaded() {
            return instance != null;
        }
    }

    /**
     * Every instance the primary lists, each loaded on its own: one whose directory entry or
     * main.cf is broken is an {@link Attempt} with its problem instead of failing the rest,
     * and ownership claims are not checked. The primary comes first. For the systemd
     * generator at boot, where one broken instance must not keep the others from starting;
     * everything that changes the set uses {@link #load}.
     */
    public static List<Attempt> loadEach(InstanceConfig primaryConfig) {
        List<Attempt> attempts = new ArrayList<>();
        List<String> entries = InstanceConfig.words(primaryConfig.get("multi_instance_directories"));
        attempts.add(Attempt.of(primaryConfig, true, entries.isEmpty() ? Boolean.TRUE : null));
        FileSystem fileSystem = primaryConfig.configDirectory().getFileSystem();
        for (String entry : entries) {
            String where = primaryConfig.where("multi_instance_directories") + ": " + entry;
            Path path;
            try {
                path = fileSystem.getPath(entry);
            } catch (InvalidPathException e) {
                attempts.add(Attempt.failed(where + ": not a pathname"));
                continue;
            }
            if (!path.isAbsolute()) {
                attempts.add(Attempt.failed(where + ": not an absolute pathname"));
                continue;
            }
            try {
                attempts.add(Attempt.of(InstanceConfig.load(path.normalize()), false, null));
            } catch (ConfigException e) {
                attempts.add(Attempt.failed(e.getMessage()));
            }
        }
        return attempts;
    }

    /** The entries of the primary's {@code multi_instance_directories}, as absolute normalized paths. */
    public static List<Path> listedDirectories(InstanceConfig primaryConfig) {
        List<Path> directories = new ArrayList<>();
        String raw;
        try {
            raw = primaryConfig.get("multi_instance_directories");
        } catch (ConfigException e) {
            throw new RegistryException(e.getMessage(), e);
        }
        for (String entry : InstanceConfig.words(raw)) {
            if (!entry.startsWith("/")) {
                throw new RegistryException(primaryConfig.where("multi_instance_directories")
                        + ": multi_instance_directories entry '" + entry + "' is not an absolute path");
            }
            directories.add(primaryConfig.configDirectory().getFileSystem().getPath(entry).normalize());
        }
        return directories;
    }

    public Instance primary() {
        return instances.get(0);
    }

    public List<Instance> secondaries() {
        return instances.subList(1, instances.size());
    }

    /** Whether secondaries are listed (without them, the primary alone is managed and counts as enabled). */
    public boolean multiInstance() {
        return instances.size() > 1;
    }

    /** The instances that {@code selection} matches, in list order. */
    public List<Instance> select(Selection selection) {
        return instances.stream().filter(selection::matches).toList();
    }

    /** The one instance {@code -i name} names; its absence is {@code No instance named NAME}. */
    public Instance require(Selection.Named named) {
        Optional<Instance> found = instances.stream().filter(named::matches).findFirst();
        return found.orElseThrow(() -> new RegistryException("No instance named " + named.name()));
    }

    /** The secondary with this config directory, if listed. */
    public Optional<Instance> secondaryAt(Path configDirectory) {
        Path wanted = configDirectory.normalize();
        return secondaries().stream().filter(i -> i.configDirectory().equals(wanted)).findFirst();
    }
}
