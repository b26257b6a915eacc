package org.storemulti.move;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCfEditor;
import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.EditLock;
import org.storemulti.fs.FileModes;
import org.storemulti.lmtp.Endpoint;
import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;

/**
 * The Postfix transport map: one line {@code user@domain  lmtp:unix:SOCKET} per user of every
 * enabled instance, the socket its {@code lmtp_listen}'s first entry (a {@code unix:} one when
 * there is one, by default {@code $queue_directory/private/lmtp}). A user found in two instances
 * goes where its move record says (the source until the move switches the route, the target
 * after); without a record that is a conflict the map refuses to guess.
 */
public final class TransportMap {

    /** The primary's parameter naming the map (set by {@code --postfix-transport}, read by user-move). */
    static final String MAP_PARAMETER = "storemulti_transport_map";
    /** The primary's parameter naming the command user-move runs with the map's path. */
    static final String POSTMAP_PARAMETER = "storemulti_postmap_command";
    /** The primary's parameter naming the command that makes the MTA read the map again. */
    static final String RELOAD_PARAMETER = "storemulti_mta_reload_command";

    private TransportMap() {
    }

    /**
     * {@code storemulti --postfix-transport FILE}: writes the map to {@code file} and records its
     * path in the primary's main.cf, so user-move rewrites it. Returns how many users it routes.
     */
    public static int write(Registry registry, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        int users;
        try (InstanceStores stores = new InstanceStores()) {
            users = rewrite(registry, stores, absolute, Optional.empty());
        }
        if (!registry.primaryConfig().get(MAP_PARAMETER).equals(absolute.toString())) {
            MainCfEditor.set(registry.primaryConfig().mainCfPath(), Map.of(MAP_PARAMETER, absolute.toString()));
        }
        return users;
    }

    /** The map's path the primary records, if any. */
    static Optional<Path> configured(Registry registry) {
        String value = registry.primaryConfig().get(MAP_PARAMETER);
        return value.isBlank() ? Optional.empty() : Optional.of(registry.primaryConfig().path(MAP_PARAMETER));
    }

    /**
     * user-move's switch: rewrites the configured map with {@code pending} (the record about to
     * be saved) routing its user, then runs {@code storemulti_postmap_command} on it. Returns the
     * line to report.
     */
    static String switchRoute(Registry registry, InstanceStores stores, MoveRecord pending) {
        Optional<Path> file = configured(registry);
        if (file.isEmpty()) {
            return "no transport map configured (" + MAP_PARAMETER + " is empty): route " + pending.user()
                    + " to the target in your MTA now";
        }
        rewrite(registry, stores, file.get(), Optional.of(pending));
        String command = registry.primaryConfig().get(POSTMAP_PARAMETER);
        if (command.isBlank()) {
            return file.get() + " rewritten; run postmap " + file.get() + " now (" + POSTMAP_PARAMETER + " is empty)";
        }
        Postmap.run(command, List.of(file.get().toString()));
        String done = file.get() + " rewritten and " + InstanceConfig.words(command).get(0) + " run";
        String reload = registry.primaryConfig().get(RELOAD_PARAMETER);
        if (reload.isBlank()) {
            return done;
        }
        try {
            Postmap.run(reload, List.of());
            return done + ", " + reload + " done";
        } catch (MoveException e) {
            return done + "; warning: " + e.getMessage() + " (the MTA takes the new route within a minute or two;"
                    + " the source defers the mail it sends there meanwhile)";
        }
    }

    /** Rewrites {@code file} from the stores and the move records ({@code pending} first), under the map's edit lock. */
    static int rewrite(Registry registry, InstanceStores stores, Path file, Optional<MoveRecord> pending) {
        Map<String, String> routes = routes(registry, stores, new MoveRecords(registry.primary().dataDirectory()),
                pending);
        StringBuilder text = new StringBuilder("# Postfix transport map written by storemulti --postfix-transport"
                + " and user-move: do not edit; run postmap on it after a change\n");
        routes.forEach((user, transport) -> text.append(user).append('\t').append(transport).append('\n'));
        try (EditLock lock = EditLock.acquire(file)) {
            AtomicFile.write(file, text.toString(), FileModes.READABLE_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the transport map: " + e.getMessage(), e);
        }
        return routes.size();
    }

    /** Address (lower case, as Postfix looks it up) to transport, sorted. */
    static Map<String, String> routes(Registry registry, InstanceStores stores, MoveRecords records,
            Optional<MoveRecord> pending) {
        Map<String, List<Instance>> homes = new TreeMap<>();
        for (Instance instance : registry.instances()) {
            if (instance.enabled() || !registry.multiInstance()) {
                for (String user : stores.users(instance)) {
                    homes.computeIfAbsent(user.toLowerCase(Locale.ROOT), u -> new ArrayList<>()).add(instance);
                }
            }
        }
        Map<String, Path> moved = new TreeMap<>();
        records.all().forEach(r -> moved.put(r.user().toLowerCase(Locale.ROOT), r.route()));
        pending.ifPresent(r -> moved.put(r.user().toLowerCase(Locale.ROOT), r.route()));
        Map<String, String> routes = new TreeMap<>();
        homes.forEach((user, instances) -> routes.put(user, transport(home(user, instances, moved.get(user)))));
        return routes;
    }

    private static Instance home(String user, List<Instance> instances, Path moveRoute) {
        if (moveRoute != null) {
            Optional<Instance> routed = instances.stream().filter(i -> i.configDirectory().equals(moveRoute)).findFirst();
            if (routed.isPresent()) {
                return routed.get();
            }
        }
        if (instances.size() > 1) {
            throw new MoveException(user + " is a user of both " + instances.get(0).label() + " and "
                    + instances.get(1).label() + ": the transport map can route it to one only (move it with"
                    + " storemulti user-move " + user + " --to INSTANCE, or delete one copy)");
        }
        return instances.get(0);
    }

    /** {@code lmtp:} and the instance's first {@code unix:} LMTP endpoint, else its first one. */
    static String transport(Instance instance) {
        List<String> listen = instance.lmtpListen();
        if (listen.isEmpty()) {
            throw new MoveException(instance.label() + ": lmtp_listen is empty, so Postfix cannot deliver to it"
                    + " (set lmtp_listen in " + instance.configDirectory().resolve("main.cf") + ")");
        }
        String chosen = listen.stream().filter(e -> e.startsWith("unix:")).findFirst().orElse(listen.get(0));
        try {
            return "lmtp:" + Endpoint.parse("lmtp_listen", chosen).text();
        } catch (ConfigException e) {
            throw new MoveException(instance.configDirectory().resolve("main.cf") + ": " + e.getMessage(), e);
        }
    }
}
