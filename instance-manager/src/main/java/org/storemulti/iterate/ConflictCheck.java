package org.storemulti.iterate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;

/**
 * {@code storemulti -p check} on the set as a whole: two instances must not share a
 * listen address ({@code lmtp_listen}, {@code imap_listen}) or a {@code syslog_name}.
 * (Shared or nested directories are refused when the registry loads.)
 */
public final class ConflictCheck {

    private ConflictCheck() {
    }

    private record Use(Instance instance, String parameter, String value) {
        @Override
        public String toString() {
            return "instance " + instance.label() + ", " + parameter + "=" + value;
        }
    }

    /** Every conflict, one line each naming both instances; empty when the set is sound. */
    public static List<String> problems(Registry registry) {
        List<String> problems = new ArrayList<>();
        Map<String, Use> addresses = new HashMap<>();
        Map<String, Use> syslogNames = new HashMap<>();
        for (Instance i : registry.instances()) {
            for (String endpoint : i.lmtpListen()) {
                record(addresses, new Use(i, "lmtp_listen", endpoint), normalized(endpoint), problems);
            }
            for (String endpoint : i.imapListen()) {
                record(addresses, new Use(i, "imap_listen", endpoint), normalized(endpoint), problems);
            }
            record(syslogNames, new Use(i, "syslog_name", i.syslogName()), i.syslogName(), problems);
        }
        return problems;
    }

    private static void record(Map<String, Use> seen, Use use, String key, List<String> problems) {
        Use earlier = seen.putIfAbsent(key, use);
        if (earlier != null && !earlier.instance().configDirectory().equals(use.instance().configDirectory())) {
            problems.add(use + " conflicts with " + earlier);
        }
    }

    /** The address an endpoint takes: an {@code imaps:} entry takes its TCP port as an {@code inet:} one does. */
    private static String normalized(String endpoint) {
        if (endpoint.startsWith("unix:")) {
            return "unix:" + Path.of(endpoint.substring(5)).normalize();
        }
        if (endpoint.startsWith("imaps:")) {
            return "inet:" + endpoint.substring("imaps:".length()).toLowerCase(java.util.Locale.ROOT);
        }
        return endpoint.toLowerCase(java.util.Locale.ROOT);
    }
}
