package org.storemulti.registry;

/**
 * Which instances a command acts on: all ({@code -a}, the default), one group
 * ({@code -g}) or one instance ({@code -i}, a name or a config directory, {@code -} for
 * the primary).
 */
public sealed interface Selection {

    /** The prefix every instance name but the primary's empty one carries. */
    String NAME_PREFIX = "store-";

    /** Whether {@code instance} is selected. */
    boolean matches(Instance instance);

    /** No {@code -a}, {@code -g} or {@code -i} given: every instance (placement: the end of the list). */
    record None() implements Selection {
        @Override
        public boolean matches(Instance instance) {
            return true;
        }
    }

    /** {@code -a}: every instance (placement: the front of the list). */
    record All() implements Selection {
        @Override
        public boolean matches(Instance instance) {
            return true;
        }
    }

    /** The members of one group; instances without a group never match. */
    record Group(String group) implements Selection {
        @Override
        public boolean matches(Instance instance) {
            return !instance.group().isEmpty() && instance.group().equals(group);
        }
    }

    /**
     * One instance, matched the way postmulti matches {@code -i}: {@code -} is the
     * primary; a path (or any name, for a nameless instance) is compared with the config
     * directory; {@code a} matches {@code store-a}; otherwise the full name must match.
     */
    record Named(String name) implements Selection {
        @Override
        public boolean matches(Instance instance) {
            if (name.equals("-")) {
                return instance.primary();
            }
            if (name.contains("/") || instance.name().isEmpty()) {
                return isSameDirectory(instance);
            }
            if (!name.startsWith(NAME_PREFIX) && instance.name().startsWith(NAME_PREFIX)) {
                return instance.name().substring(NAME_PREFIX.length()).equals(name);
            }
            return instance.name().equals(name);
        }

        private boolean isSameDirectory(Instance instance) {
            if (!name.startsWith("/")) {
                return false;
            }
            try {
                return instance.configDirectory().getFileSystem().getPath(name).normalize()
                        .equals(instance.configDirectory());
            } catch (java.nio.file.InvalidPathException e) {
                return false;
            }
        }
    }
}
