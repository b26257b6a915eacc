package org.storemulti.systemd;

import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;

/**
 * The instances systemd should start: their unit instance names ({@code -} for the primary)
 * in start order, and a warning for every listed instance that gets no unit.
 *
 * <p>The primary is wanted when it is enabled, or always in single-instance mode (empty
 * {@code multi_instance_directories}). A secondary is wanted when its
 * {@code multi_instance_enable} says so and it has a name systemd can carry in a unit
 * name. Unlike Debian's postfix generator, a nameless instance never yields
 * {@code store@.service}: it is skipped with a warning, as is an instance whose main.cf
 * cannot be read, so one broken instance never keeps the others from booting.
 *
 * <p>{@code mailOwners} maps the wanted instances that set {@code mail_owner} to that user,
 * written as a unit value: their units run as it ({@code User=} in a drop-in).
 */
record WantedInstances(List<String> names, Map<String, String> mailOwners, List<String> warnings) {

    /** The primary's instance name in unit names ({@code store@-.service}). */
    static final String PRIMARY = "-";

    /** What {@code %i} may hold: unit-name characters, no {@code \} escapes. */
    private static final Pattern UNIT_INSTANCE = Pattern.compile("[A-Za-z0-9:_.-]+");
    /** A unit name is at most 255 bytes: {@code store@} + name + {@code .service}. */
    private static final int MAX_NAME = 255 - "store@.service".length();

    WantedInstances {
        names = List.copyOf(names);
        mailOwners = Map.copyOf(mailOwners);
        warnings = List.copyOf(warnings);
    }

    /** Decides from the primary's configuration and each secondary's main.cf. */
    static WantedInstances of(InstanceConfig primary) {
        List<String> directories = primary.list("multi_instance_directories");
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> mailOwners = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        if (directories.isEmpty() || primary.enabled()) {
            names.add(PRIMARY);
            mailOwner(primary).ifPresent(owner -> mailOwners.put(PRIMARY, owner));
        }
        FileSystem fileSystem = primary.configDirectory().getFileSystem();
        for (String directory : directories) {
            String where = primary.where("multi_instance_directories") + ": " + directory;
            Path path;
            try {
                path = fileSystem.getPath(directory);
            } catch (InvalidPathException e) {
                warnings.add(where + ": not a pathname: no unit for this instance");
                continue;
            }
            if (!path.isAbsolute()) {
                warnings.add(where + ": not an absolute pathname: no unit for this instance");
                continue;
            }
            InstanceConfig instance;
            boolean enabled;
            String name;
            Optional<String> owner;
            try {
                instance = InstanceConfig.load(path);
                enabled = instance.enabled();
                name = instance.instanceName();
                owner = enabled ? mailOwner(instance) : Optional.empty();
            } catch (ConfigException e) {
                warnings.add(e.getMessage() + ": no unit for this instance");
                continue;
            }
            if (!enabled) {
                continue;
            }
            String problem = nameProblem(name);
            if (problem != null) {
                warnings.add(instance.where("multi_instance_name") + ": " + problem + ": no unit for this instance");
            } else if (!names.add(name)) {
                warnings.add(instance.where("multi_instance_name") + ": multi_instance_name = " + name
                        + ": another instance has this name: no second unit for it");
            } else {
                owner.ifPresent(o -> mailOwners.put(name, o));
            }
        }
        return new WantedInstances(List.copyOf(names), mailOwners, warnings);
    }

    /** The instance's mail_owner as a unit value, when set. */
    private static Optional<String> mailOwner(InstanceConfig instance) {
        String owner = instance.get("mail_owner").strip();
        return owner.isEmpty() ? Optional.empty()
                : Optional.of(UnitTemplate.unitValue(instance.where("mail_owner") + ": mail_owner", owner));
    }

    /** Why {@code name} cannot be a secondary's unit instance, or null if it can. */
    private static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "multi_instance_name is empty (a nameless instance has no store@NAME.service; give it a name)";
        }
        if (name.equals(PRIMARY)) {
            return "multi_instance_name = -: that name is the primary's";
        }
        if (!UNIT_INSTANCE.matcher(name).matches()) {
            return "multi_instance_name = " + name
                    + ": systemd unit names allow only letters, digits and : _ . -";
        }
        if (name.length() > MAX_NAME) {
            return "multi_instance_name = " + name + ": longer than a systemd unit name allows";
        }
        return null;
    }
}
