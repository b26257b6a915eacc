package org.storemulti.lifecycle;

import org.storemulti.config.InstanceConfig;

/** Every action but {@code init} needs multi-instance support turned on in the primary. */
final class InitGate {

    private InitGate() {
    }

    /**
     * Refuses unless the primary has a wrapper and {@code multi_instance_enable = yes};
     * {@code enablingPrimary} lets {@code -i - -e enable} repair a disabled primary
     * (postmulti locks itself out there).
     */
    static void require(InstanceConfig primary, boolean enablingPrimary) {
        if (primary.get("multi_instance_wrapper").isBlank()) {
            throw new LifecycleException("multi_instance_wrapper is empty in " + primary.mainCfPath()
                    + ": run 'storemulti -e init' first");
        }
        if (!enablingPrimary && !primary.get("multi_instance_enable").strip().equalsIgnoreCase("yes")) {
            throw new LifecycleException("multi_instance_enable is not yes in " + primary.mainCfPath()
                    + ": run 'storemulti -e init' first");
        }
    }
}
