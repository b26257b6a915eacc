package org.storemulti.lifecycle;

import java.util.Map;

import org.storemulti.config.MainCfEditor;
import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;

/** {@code -e enable} / {@code -e disable}: always writes {@code multi_instance_enable} to the instance's main.cf. */
final class SetEnable {

    private SetEnable() {
    }

    static void run(Request request, boolean enable) {
        Registry registry = Registry.load(request.primaryDirectory());
        Instance target = registry.require(request.target());
        InitGate.require(registry.primaryConfig(), enable && target.primary());
        MainCfEditor.set(target.configDirectory().resolve("main.cf"),
                Map.of("multi_instance_enable", enable ? "yes" : "no"));
    }
}
