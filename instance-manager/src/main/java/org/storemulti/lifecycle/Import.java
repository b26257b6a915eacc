package org.storemulti.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCfEditor;
import org.storemulti.owner.MailOwner;
import org.storemulti.registry.Instance;
import org.storemulti.registry.InstanceReader;
import org.storemulti.registry.Registry;

/**
 * {@code -e import}: registers an existing instance directory. Its queue and data
 * directories, name, group and enable flag come from its own main.cf; {@code -I}/{@code -G}
 * change name and group there first. Missing queue and data subdirectories are made.
 */
final class Import {

    private Import() {
    }

    static void run(Request request) {
        Locations locations = Locations.parse(request.settings(), Set.of("config_directory"), Action.IMPORT,
                request.primaryDirectory().getFileSystem());
        String name = NameRules.instanceName(request.newName().orElse(""));
        request.newGroup().ifPresent(NameRules::group);
        InstanceList.register(request.primaryDirectory(), request.selection(), registry -> {
            InitGate.require(registry.primaryConfig(), false);
            Path config = locations.resolve("config_directory", registry.primary().configDirectory(), name);
            return prepare(request, registry, config, locations);
        });
        CrashPoint.reached("registered");
    }

    /** Checks the instance whose main.cf is in {@code config} and completes its files; the caller registers it. */
    static Instance prepare(Request request, Registry registry, Path config, Locations locations) {
        if (!Files.isRegularFile(config.resolve("main.cf"))) {
            throw new LifecycleException("'" + config + "' lacks a main.cf file");
        }
        InstanceConfig instanceConfig = InstanceReader.load(config);
        Instance found = InstanceReader.read(instanceConfig, false, null);
        requireSame(locations, "queue_directory", found.queueDirectory(), config);
        requireSame(locations, "data_directory", found.dataDirectory(), config);
        String name = request.newName().map(NameRules::instanceName).orElse(found.name());
        String group = request.newGroup().map(NameRules::group).orElse(found.group());
        Instance candidate = found.withIdentity(name, group);
        InstanceList.checkNewcomer(registry, candidate);
        Placement.index(registry.secondaries(), request.selection());

        InstanceLayout.create(config, found.queueDirectory(), found.dataDirectory());
        InstanceLayout.handOver(found.queueDirectory(), found.dataDirectory(), MailOwner.of(instanceConfig));
        CrashPoint.reached("directories");
        writeIdentity(instanceConfig, found, candidate);
        CrashPoint.reached("main.cf");
        return candidate;
    }

    private static void requireSame(Locations locations, String parameter, Path actual, Path config) {
        Optional<Path> wanted = locations.get(parameter);
        if (wanted.isPresent() && !wanted.get().equals(actual)) {
            throw new LifecycleException(config.resolve("main.cf") + " already exists and sets " + parameter
                    + " = " + actual + ", not " + wanted.get() + ": drop " + parameter
                    + "= to import it as it is, or remove " + config.resolve("main.cf") + " to create afresh");
        }
    }

    /** Writes a changed name/group (and a syslog_name that followed the old name) to the instance's main.cf. */
    static void writeIdentity(InstanceConfig config, Instance before, Instance after) {
        Map<String, String> set = new LinkedHashMap<>();
        if (!before.name().equals(after.name())) {
            set.put("multi_instance_name", after.name());
            if (config.isSet("syslog_name") && config.get("syslog_name").strip().equals(before.name())) {
                set.put("syslog_name", after.name().isEmpty() ? "store" : after.name());
            }
        }
        if (!before.group().equals(after.group())) {
            set.put("multi_instance_group", after.group());
        }
        if (!set.isEmpty()) {
            MainCfEditor.edit(config.mainCfPath(), set, List.of());
        }
    }
}
