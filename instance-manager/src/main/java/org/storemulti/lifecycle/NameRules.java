package org.storemulti.lifecycle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.storemulti.lmtp.Endpoint;
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
            throw new LifecycleException("Unsafe characters in new instance name: '" + abbreviated(name) + "'");
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

    /**
     * Refuses a new instance whose queue directory {@code queue} (derived from {@code name}
     * unless given) would hold sockets longer than the kernel binds: such an instance could
     * be created but never started.
     */
    static void requireSocketsFit(String name, Path queue) {
        for (String socket : List.of(org.storemulti.daemon.InstanceLayout.CONTROL_SOCKET,
                org.storemulti.daemon.InstanceLayout.LMTP_SOCKET)) {
            Path path = queue.resolve(socket);
            int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > Endpoint.MAX_SOCKET_PATH) {
                throw new LifecycleException("New instance name '" + abbreviated(name) + "' is too long: its socket "
                        + abbreviated(path.toString()) + " would have " + bytes + " bytes and UNIX sockets allow "
                        + Endpoint.MAX_SOCKET_PATH + ": choose a shorter name, or set a shorter queue_directory");
            }
        }
    }

    /** A name or path short enough for one readable line: its start, its end and its length. */
    private static String abbreviated(String text) {
        return text.length() <= 80 ? text
                : text.substring(0, 40) + "..." + text.substring(text.length() - 20) + " (" + text.length() + " characters)";
    }

    /** {@code group} if acceptable ({@code ""} clears the group). */
    static String group(String group) {
        if (!SAFE.matcher(group).matches()) {
            throw new LifecycleException("Unsafe characters in '-G " + group + "'");
        }
        return group;
    }
}
