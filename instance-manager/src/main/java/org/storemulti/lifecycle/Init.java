package org.storemulti.lifecycle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.storemulti.config.MainCfEditor;
import org.storemulti.config.ParameterRegistry;

/**
 * {@code -e init}: turns multi-instance support on in the primary main.cf
 * ({@code multi_instance_wrapper}, {@code multi_instance_enable = yes}). Idempotent; the
 * instance list is not touched and the secondaries are not loaded.
 */
final class Init {

    private Init() {
    }

    static void run(Request request) {
        Path primary = request.primaryDirectory();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("multi_instance_wrapper", wrapper(primary));
        set.put("multi_instance_enable", "yes");
        MainCfEditor.set(primary.resolve("main.cf"), set);
    }

    /** {@code storectl} without {@code -c} hands whole-set commands to this command line. */
    static String wrapper(Path primary) {
        boolean compiledIn = primary.equals(primary.getFileSystem().getPath(ParameterRegistry.DEFAULT_CONFIG_DIRECTORY));
        return "${command_directory}/storemulti " + (compiledIn ? "" : "-c " + primary + " ") + "-p --";
    }
}
