package org.storemulti.lifecycle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.config.MainCfEditor;
import org.storemulti.registry.Claims;
import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;
import org.storemulti.registry.Selection;

/**
 * Changes to the primary's {@code multi_instance_directories}, each a read-modify-write
 * under the primary main.cf's edit lock: concurrent creates each see the other's entry
 * and re-check their claims against the list as it is now, not as it was when they started.
 */
final class InstanceList {

    private static final String PARAMETER = "multi_instance_directories";

    private InstanceList() {
    }

    /**
     * Loads the registry under the primary's lock, lets {@code prepare} check the new
     * instance against it and make its files, then adds the instance at its placement.
     * One load per create, and no other create can slip in between check and write; the
     * primary main.cf is written last, so a crash inside {@code prepare} registers nothing.
     */
    static void register(Path primaryDirectory, Selection placement, Function<Registry, Instance> prepare) {
        MainCfEditor.update(primaryDirectory.resolve("main.cf"), current -> {
            Registry registry = Registry.load(primaryDirectory, current);
            Instance candidate = prepare.apply(registry);
            checkNewcomer(registry, candidate);
            List<Path> directories = new ArrayList<>(registry.secondaries().stream()
                    .map(Instance::configDirectory).toList());
            directories.add(Placement.index(registry.secondaries(), placement), candidate.configDirectory());
            return write(current, directories);
        });
    }

    /** Removes every entry for {@code configDirectory}; other entries keep their order. */
    static void deregister(Path primaryDirectory, Path configDirectory) {
        MainCfEditor.update(primaryDirectory.resolve("main.cf"), current -> {
            List<Path> directories = new ArrayList<>(
                    Registry.listedDirectories(InstanceConfig.of(primaryDirectory, current)));
            directories.removeIf(d -> d.equals(configDirectory.normalize()));
            return write(current, directories);
        });
    }

    /** Refuses a candidate whose config directory is listed or whose claims conflict. */
    static void checkNewcomer(Registry registry, Instance candidate) {
        for (Instance existing : registry.instances()) {
            if (existing.configDirectory().equals(candidate.configDirectory())) {
                throw new LifecycleException("new config_directory=" + candidate.configDirectory()
                        + " is already in use by instance " + existing.label() + ", config_directory="
                        + existing.configDirectory());
            }
        }
        List<Instance> all = new ArrayList<>(registry.instances());
        all.add(candidate);
        Claims.of(all).check();
    }

    private static MainCf write(MainCf current, List<Path> directories) {
        String value = directories.stream().map(Path::toString).collect(Collectors.joining(" "));
        return current.edit(Map.of(PARAMETER, value), List.of());
    }
}
