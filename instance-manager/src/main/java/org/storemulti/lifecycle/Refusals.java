package org.storemulti.lifecycle;

import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;

/** The checks destroy and deport share: a listed secondary, disabled and stopped. */
final class Refusals {

    private Refusals() {
    }

    /** The {@code -i} instance if it may be removed from the set; {@code verb} words the refusal. */
    static Instance removable(Registry registry, Request request, String verb) {
        Instance target = registry.require(request.target());
        if (target.primary()) {
            throw new LifecycleException("Cannot " + verb + " the primary instance");
        }
        if (target.enabled()) {
            throw new LifecycleException("Cannot " + verb + " enabled instance " + target.label()
                    + ": run 'storemulti -i " + target.label() + " -e disable' first");
        }
        if (target.running()) {
            throw new LifecycleException("Instance '" + target.label() + "' is not stopped: run 'storemulti -i "
                    + target.label() + " -p stop' first");
        }
        return target;
    }
}
