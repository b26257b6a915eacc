package org.storemulti.sync.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.storemulti.store.Store;
import org.storemulti.store.domain.Domain;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.mailbox.MailboxInfo;
import org.storemulti.store.name.UserName;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.state.StateFiles;

/**
 * A store instance as a sync location, through the engine: the instance a sync runs in, another
 * instance on this host ({@code store:CONFIG_DIR}), and the store behind {@code sync-server}.
 * Safe while the instance's daemon runs. A user is {@code name@domain}; its mailboxes are
 * {@code user/NAME/...}, named here without that prefix.
 */
public final class StoreLocation implements Location {

    private final Store store;
    private final boolean owned;
    private final String description;

    private StoreLocation(Store store, boolean owned, String description) {
        this.store = store;
        this.owned = owned;
        this.description = description;
    }

    /** A location over {@code store}, which the caller keeps open and closes. */
    public static StoreLocation of(Store store, String description) {
        return new StoreLocation(store, false, description);
    }

    /** Opens the store in {@code dataDirectory}; closing the location closes it. */
    public static StoreLocation open(Path dataDirectory, String description) {
        return new StoreLocation(Store.open(dataDirectory), true, description);
    }

    /** The store this location works on. */
    public Store store() {
        return store;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String identity() throws IOException {
        return StoreIdentity.of(store.dataDirectory());
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public List<String> users() throws LocationException {
        return StoreErrors.call(description, () -> {
            List<String> users = new ArrayList<>();
            for (Domain domain : store.domains().list("*")) {
                for (String user : store.users().list(domain.name(), "*")) {
                    if (!Domains.IMPLICIT_USERS.contains(user)) {
                        users.add(user + "@" + domain.name());
                    }
                }
            }
            return users;
        });
    }

    @Override
    public UserMail open(String user, boolean create) throws LocationException {
        int at = user.lastIndexOf('@');
        if (at <= 0 || at == user.length() - 1) {
            throw new LocationException(Kind.REFUSED, description + ": user " + user + ": expected name@domain");
        }
        String domain = user.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        String name = user.substring(0, at);
        String where = description + ": user " + user;
        String spelled = StoreErrors.call(where, () -> existing(domain, name)).orElse(null);
        if (spelled == null) {
            if (!create) {
                throw new LocationException(Kind.NOT_FOUND, where + ": no such user");
            }
            spelled = StoreErrors.call(where, () -> {
                if (store.domains().list(domain).isEmpty()) {
                    try {
                        store.domains().add(domain);
                    } catch (AlreadyExistsException e) {
                        // another worker of sync -A made it meanwhile: the domain is there, as wanted
                    }
                }
                store.mailboxes().addUser(domain, name);
                return name;
            });
        }
        return new StoreUserMail(store, domain, spelled, description);
    }

    /** The user's name as the store spells it (names ignore ASCII case), if it has the user. */
    private Optional<String> existing(String domain, String name) {
        if (store.domains().list(domain).isEmpty()) {
            return Optional.empty();
        }
        try {
            MailboxInfo inbox = store.mailboxes().get(domain, "user/" + new UserName(name) + "/INBOX");
            return Optional.of(inbox.name().substring("user/".length(), inbox.name().length() - "/INBOX".length()));
        } catch (NotFoundException e) {
            String folded = new UserName(name).folded();
            return store.users().list(domain, "*").stream()
                    .filter(u -> new UserName(u).folded().equals(folded)).findFirst();
        }
    }

    @Override
    public Optional<String> loadPeerState(String peerIdentity, String user) throws IOException {
        return states().read(peerIdentity, user);
    }

    @Override
    public void savePeerState(String peerIdentity, String user, String state) throws IOException {
        states().write(peerIdentity, user, state);
    }

    @Override
    public Closeable lockPeerState(String peerIdentity, String user) throws IOException {
        return states().lock(peerIdentity, user, description);
    }

    private StateFiles states() {
        return new StateFiles(store.dataDirectory().resolve(StoreIdentity.DIRECTORY));
    }

    @Override
    public void close() {
        if (owned) {
            store.close();
        }
    }
}
