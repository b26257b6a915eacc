package org.storemulti.iterate;

import java.util.HashMap;
import java.util.Map;

import org.storemulti.registry.Instance;

/**
 * The environment {@code -x} gives each instance's command: the inherited one plus
 * postmulti's variables under our names and postmulti's ({@code STORE_CONFIG} and
 * {@code MAIL_CONFIG}, the directories, the instance's identity), {@code STORE_VERBOSE}
 * and {@code MAIL_VERBOSE} with {@code -v}, and {@code PATH} led by {@code command_directory}.
 */
final class ExecEnvironment {

    /** Used when PATH is unset or empty, as execvp does. */
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ExecEnvironment() {
    }

    /**
     * @param inherited this process's environment
     * @param primary the primary, whose command and daemon directories every instance shares
     * @param verbosity the number of {@code -v}
     */
    public static Map<String, String> of(Map<String, String> inherited, Instance primary, Instance instance,
            int verbosity) {
        Map<String, String> env = new HashMap<>(inherited);
        String config = instance.configDirectory().toString();
        env.put("STORE_CONFIG", config);
        env.put("MAIL_CONFIG", config);
        env.put("command_directory", primary.commandDirectory().toString());
        env.put("daemon_directory", primary.daemonDirectory().toString());
        env.put("config_directory", config);
        env.put("queue_directory", instance.queueDirectory().toString());
        env.put("data_directory", instance.dataDirectory().toString());
        env.put("multi_instance_name", instance.name());
        env.put("multi_instance_group", instance.group());
        env.put("multi_instance_enable", instance.enabled() ? "yes" : "no");
        if (verbosity > 0) {
            env.put("STORE_VERBOSE", Integer.toString(verbosity));
            env.put("MAIL_VERBOSE", Integer.toString(verbosity));
        }
        String path = inherited.get("PATH");
        env.put("PATH", primary.commandDirectory() + ":" + (path == null || path.isEmpty() ? DEFAULT_PATH : path));
        return env;
    }
}
