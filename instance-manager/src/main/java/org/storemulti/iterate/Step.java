package org.storemulti.iterate;

import java.util.List;

import org.storemulti.registry.Instance;

/** One instance and the command it gets. */
public record Step(Instance instance, List<String> command) {

    public Step {
        command = List.copyOf(command);
    }
}
