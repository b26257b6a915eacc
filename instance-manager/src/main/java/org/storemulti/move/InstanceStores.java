package org.storemulti.move;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.storemulti.registry.Instance;
import org.storemulti.store.Store;
import org.storemulti.store.data.DataLayout;
import org.storemulti.store.domain.Domain;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.name.UserName;

/**
 * The instances' stores, opened through the engine as a move or the map needs them (safe while
 * their daemons run) and closed together. An instance whose store was never made has no users.
 */
final class InstanceStores implements AutoCloseable {

    private final Map<Path, Store> open = new LinkedHashMap<>();

    /** The instance's store, if it has one. */
    Optional<Store> store(Instance instance) {
        Path data = instance.dataDirectory();
        if (!open.containsKey(data) && !Files.isRegularFile(data.resolve(DataLayout.DATABASE_FILE))) {
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(data, Store::open));
    }

    /** Every user of the instance, {@code name@domain} with the domain in lower case. */
    List<String> users(Instance instance) {
        List<String> users = new ArrayList<>();
        Optional<Store> store = store(instance);
        if (store.isEmpty()) {
            return users;
        }
        for (Domain domain : store.get().domains().list("*")) {
            for (String user : store.get().users().list(domain.name(), "*")) {
                if (!Domains.IMPLICIT_USERS.contains(user)) {
                    users.add(user + "@" + domain.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        return users;
    }

    /** The user as the instance's store spells it, if it has the user (names ignore ASCII case). */
    Optional<String> spelling(Instance instance, String user) {
        Optional<Store> store = store(instance);
        int at = user.lastIndexOf('@');
        String domain = user.substring(at + 1);
        if (store.isEmpty() || !hasDomain(store.get(), domain)) {
            return Optional.empty();
        }
        String folded = new UserName(user.substring(0, at)).folded();
        return store.get().users().list(domain, "*").stream().filter(u -> new UserName(u).folded().equals(folded))
                .findFirst().map(u -> u + "@" + domain);
    }

    static boolean hasDomain(Store store, String domain) {
        return store.domains().list("*").stream().anyMatch(d -> d.name().equalsIgnoreCase(domain));
    }

    @Override
    public void close() {
        open.values().forEach(Store::close);
        open.clear();
    }
}
