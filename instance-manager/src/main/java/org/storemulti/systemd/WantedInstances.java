package org.storemulti.systemd;

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
import org.storemulti.registry.Registry;

/**
 * The instances systemd should start: their unit instance names ({@code -} for the primary)
 * in start order, and a warning for every listed instance that gets no unit.
 *
 * <p>The primary is wanted when it is enabled, or always in single-instance mode (empty
 * {@code multi_instance_directories}). A secondary is wanted when its
 * {@code multi_instance_enable} says so and it has a name systemd can carry in a unit
 * name. Unlike Debian's postfix generator, a nameless instance never yields
 * {@code store@.service}: it is skipped with a warning, as is an instance whose main.cf
 * cannot be read, so one broken instance never keeps the others from booting. The list
 * comes from the registry, loaded leniently ({@link Registry#loadEach}).
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

    /** Decides from the registry, loaded leniently: each secondary on its own main.cf. */
    static WantedInstances of(InstanceConfig primary) {
        List<Registry.Attempt> attempts = Registry.loadEach(primary);
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> mailOwners = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        Registry.Attempt first = attempts.get(0);
        if (!first.loaded()) {
            warnings.add(first.problem() + ": no unit for the primary");
        } else if (first.instance().enabled()) {
            names.add(PRIMARY);
            mailOwner(primary).ifPresent(owner -> mailOwners.put(PRIMARY, owner));
        }
        for (Registry.Attempt attempt : attempts.subList(1, attempts.size())) {
            if (!attempt.loaded()) {
                warnings.add(attempt.problem() + ": no unit for this instance");
                continue;
            }
            if (!attempt.instance().enabled()) {
                continue;
            }
            InstanceConfig instance = attempt.config();
            String name = attempt.instance().name();
            String problem = nameProblem(name);
            if (problem != null) {
                warnings.add(instance.where("multi_instance_name") + ": " + problem + ": no unit for this instance");
            } else if (!names.add(name)) {
                warnings.add(instance.where("multi_instance_name") + ": multi_instance_name = " + name
                        + ": another instance has this name: no second unit for it");
            } else {
                try {
                    mailOwner(instance).ifPresent(o -> mailOwners.put(name, o));
                } catch (ConfigException e) {
                    names.remove(name);
                    warnings.add(e.getMessage() + ": no unit for this instance");
                }
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
