package org.storemulti.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.storemulti.config.InstanceConfig;
import org.storemulti.config.Parameter;
import org.storemulti.config.ParameterRegistry;

/**
 * What a reload changed: parameters applied while running, and parameters whose new value
 * takes effect only after {@code storectl stop; storectl start}.
 */
record ReloadReport(List<String> applied, List<String> needRestart) {

    /**
     * Parameters read once when the daemon (its JVM, its user, its directories, its
     * listeners) starts. Every other parameter a reload changes is in effect when the reload
     * returns: the services re-read it (LMTP for sessions that start afterwards, the queue,
     * checkpoint and sweep services restart their loops: QueueReloadEndToEndTest checks each),
     * or only commands read it.
     */
    public static final Set<String> RESTART_PARAMETERS = Set.of(
            "config_directory", "queue_directory", "data_directory", "daemon_heap_limit", "daemon_java_options",
            "daemon_log_file", "lmtp_listen", "lmtp_socket_mode", "imap_listen", "store_database", "mail_owner",
            "imap_socket_mode");

    /** Compares every expanded value of {@code before} and {@code after}. */
    public static ReloadReport compare(InstanceConfig before, InstanceConfig after) {
        Set<String> names = new TreeSet<>(before.mainCf().values().keySet());
        names.addAll(after.mainCf().values().keySet());
        ParameterRegistry.all().stream().map(Parameter::name).forEach(names::add);
        List<String> applied = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (String name : names) {
            if (!before.get(name).equals(after.get(name))) {
                (RESTART_PARAMETERS.contains(name) ? restart : applied).add(name);
            }
        }
        return new ReloadReport(List.copyOf(applied), List.copyOf(restart));
    }

    /** One line for the operator. */
    public String summary() {
        if (applied.isEmpty() && needRestart.isEmpty()) {
            return "reloaded: no parameter changed";
        }
        String text = "reloaded: applied: " + (applied.isEmpty() ? "none" : String.join(" ", applied));
        return needRestart.isEmpty() ? text
                : text + "; needs a restart (storectl stop; storectl start): " + String.join(" ", needRestart);
    }
}
