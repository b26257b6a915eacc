package org.storemulti.lifecycle;

import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;

/** {@code -e deport}: removes a disabled, stopped secondary from the list; no file of it is touched. */
final class Deport {

    private Deport() {
    }

    static void run(Request request) {
        Registry registry = Registry.load(request.primaryDirectory());
        InitGate.require(registry.primaryConfig(), false);
        Instance target = Refusals.removable(registry, request, "deport");
        InstanceList.deregister(request.primaryDirectory(), target.configDirectory());
    }
}
