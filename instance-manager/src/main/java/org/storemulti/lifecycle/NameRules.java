package org.storemulti.lifecycle;

import java.util.regex.Pattern;

import org.storemulti.registry.Selection;

/** What a new instance name ({@code -I}) and group ({@code -G}) may look like. */
final class NameRules {

    /** postmulti's safe characters: letters, digits and {@code !@%-_=+:./}. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9!@%\\-_=+:./]*");

    private NameRules() {
    }

    /** {@code name} if acceptable ({@code ""} clears the name). */
    static String instanceName(String name) {
        if (name.isEmpty()) {
            return name;
        }
        if (!SAFE.matcher(name).matches()) {
            throw new LifecycleException("Unsafe characters in new instance name: '" + name + "'");
        }
        if (name.contains("/")) {
            throw new LifecycleException("Illegal '/' character in new instance name: '" + name + "'");
        }
        if (!name.startsWith(Selection.NAME_PREFIX) || name.length() == Selection.NAME_PREFIX.length()) {
            throw new LifecycleException("New instance name must start with '" + Selection.NAME_PREFIX
                    + "' and have more after it: '" + name + "'");
        }
        return name;
    }

    /** {@code group} if acceptable ({@code ""} clears the group). */
    static String group(String group) {
        if (!SAFE.matcher(group).matches()) {
            throw new LifecycleException("Unsafe characters in '-G " + group + "'");
        }
        return group;
    }
}
