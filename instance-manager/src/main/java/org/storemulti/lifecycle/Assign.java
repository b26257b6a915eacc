package org.storemulti.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.storemulti.registry.Claims;
import org.storemulti.registry.Instance;
import org.storemulti.registry.InstanceReader;
import org.storemulti.registry.Registry;

/**
 * {@code -e assign}: a new name ({@code -I}, {@code -} for none) and/or group
 * ({@code -G}, {@code -} for none). A taken name is refused; no change writes nothing.
 */
final class Assign {

    private Assign() {
    }

    static void run(Request request) {
        Registry registry = Registry.load(request.primaryDirectory());
        InitGate.require(registry.primaryConfig(), false);
        Instance target = registry.require(request.target());
        String name = request.newName().map(NameRules::instanceName).orElse(target.name());
        String group = request.newGroup().map(NameRules::group).orElse(target.group());
        if (name.equals(target.name()) && group.equals(target.group())) {
            return;
        }
        Instance renamed = target.withIdentity(name, group);
        List<Instance> after = new ArrayList<>();
        for (Instance i : registry.instances()) {
            after.add(i.configDirectory().equals(target.configDirectory()) && i.primary() == target.primary()
                    ? renamed : i);
        }
        Claims.of(after).check();
        Import.writeIdentity(target.primary() ? registry.primaryConfig()
                : InstanceReader.load(target.configDirectory()), target, renamed);
    }
}
