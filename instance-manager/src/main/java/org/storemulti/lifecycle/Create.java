package org.storemulti.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.storemulti.owner.MailOwner;
import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;

/**
 * {@code -e create}: a new instance from the prototype. Order of work, so that a crash
 * at any point leaves a consistent registry: check everything; make the directories;
 * write the new main.cf (atomically); register it last, under the primary's lock. A
 * config directory that already holds a main.cf (say, from a create that was killed
 * before it registered) is imported instead, which completes that create.
 */
final class Create {

    private Create() {
    }

    static void run(Request request) {
        String name = NameRules.instanceName(request.newName().orElse(""));
        String group = NameRules.group(request.newGroup().orElse(""));
        Locations locations = Locations.parse(request.settings(), Set.copyOf(Locations.ALL), Action.CREATE,
                request.primaryDirectory().getFileSystem());
        InstanceList.register(request.primaryDirectory(), request.selection(),
                registry -> prepare(request, registry, name, group, locations));
        CrashPoint.reached("registered");
    }

    /** Checks the new instance against {@code registry} and makes its directories and main.cf. */
    private static Instance prepare(Request request, Registry registry, String name, String group, Locations locations) {
        InitGate.require(registry.primaryConfig(), false);
        Instance primary = registry.primary();
        Path config = locations.resolve("config_directory", primary.configDirectory(), name);
        if (Files.exists(config.resolve("main.cf"))) {
            return Import.prepare(request, registry, config, locations);
        }
        Path queue = locations.resolve("queue_directory", primary.queueDirectory(), name);
        NameRules.requireSocketsFit(name, queue);
        Path data = locations.resolve("data_directory", primary.dataDirectory(), name);
        Instance candidate = new Instance(config, name, group, false, false, queue, data,
                primary.commandDirectory(), primary.daemonDirectory(), name, List.of(), List.of());
        InstanceList.checkNewcomer(registry, candidate);
        Placement.index(registry.secondaries(), request.selection());
        Path prototype = NewMainCf.prototype(registry.primaryConfig());

        InstanceLayout.create(config, queue, data);
        InstanceLayout.handOver(queue, data, MailOwner.of(registry.primaryConfig())); // NewMainCf copies it
        CrashPoint.reached("directories");
        NewMainCf.write(prototype, registry.primaryConfig(), candidate);
        CrashPoint.reached("main.cf");
        return candidate;
    }
}
