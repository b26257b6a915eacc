package org.storemulti.lifecycle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.storemulti.registry.Claims;
import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;

/**
 * {@code -e destroy}: removes a disabled, stopped secondary whose queue holds no
 * message. Order: remove the queue and data layouts (the instance stays registered and
 * loadable: its main.cf is still there), deregister it, then remove its main.cf and
 * config directory. Only what create made goes; every other file is reported and kept.
 */
final class Destroy {

    private Destroy() {
    }

    static void run(Request request) {
        Registry registry = Registry.load(request.primaryDirectory());
        InitGate.require(registry.primaryConfig(), false);
        Instance target = Refusals.removable(registry, request, "remove");
        Map<String, Long> queued = QueueContents.count(target.queueDirectory());
        if (!queued.isEmpty()) {
            long total = queued.values().stream().mapToLong(Long::longValue).sum();
            throw new LifecycleException("Instance '" + target.label() + "' has " + total + " queued message file"
                    + (total == 1 ? "" : "s") + " in " + target.queueDirectory() + " ("
                    + queued.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + "): deliver or remove them first");
        }
        List<Path> others = directoriesOfOthers(registry, target);
        List<Path> left = new ArrayList<>();
        left.addAll(new Pruner(InstanceLayout.QUEUE_FILES, others, request).prune(target.queueDirectory()));
        left.addAll(new Pruner(InstanceLayout.DATA_FILES, others, request).prune(target.dataDirectory()));
        CrashPoint.reached("queue-removed");
        InstanceList.deregister(request.primaryDirectory(), target.configDirectory());
        CrashPoint.reached("deregistered");
        left.addAll(new Pruner(InstanceLayout.CONFIG_FILES, others, request).prune(target.configDirectory()));
        if (!left.isEmpty()) {
            request.warn("instance " + target.label() + " is deregistered; left in place: "
                    + left.stream().map(Path::toString).collect(Collectors.joining(" ")));
        }
    }

    private static List<Path> directoriesOfOthers(Registry registry, Instance target) {
        List<Path> others = new ArrayList<>();
        for (Instance i : registry.instances()) {
            if (i.configDirectory().equals(target.configDirectory()) && !i.primary()) {
                continue;
            }
            for (Claims.Claim c : Claims.claimsOf(i)) {
                if (c.value().startsWith("/")) {
                    others.add(target.configDirectory().getFileSystem().getPath(c.value()));
                }
            }
        }
        return others;
    }
}
