package org.storemulti.admin;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

import org.storemulti.store.Store;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.StoreException;

/**
 * Applies bulkadd lines inside the caller's bulk transaction. Each line is all-or-nothing:
 * the engine undoes a failing operation, and this class undoes the line's earlier ones
 * (the user, the domain it created) before reporting it, all before the commit.
 */
final class BulkApplier {

    private final AdminSession session;
    private final BulkReport report;
    private final Set<String> knownDomains = new HashSet<>();
    private int users;
    private int domains;
    private int domainQuotas;

    BulkApplier(AdminSession session, BulkReport report) {
        this.session = session;
        this.report = report;
    }

    String counts() {
        return users + " users added, " + domains + " domains created, " + domainQuotas + " domain quotas set";
    }

    void apply(List<BulkAccount> chunk, IntConsumer progress) {
        for (int i = 0; i < chunk.size(); i++) {
            BulkAccount account = chunk.get(i);
            Undo undo = new Undo();
            try {
                applyLine(account, undo);
            } catch (StoreException | AdminException e) {
                undo.run(session.store(), account);
                report.failed(account.line(), e.getMessage());
            }
            progress.accept(i + 1);
        }
    }

    /** What a line did so far, to take back if a later step fails. */
    private final class Undo {
        boolean domainCreated;
        boolean userCreated;
        String authId;

        void run(Store store, BulkAccount account) {
            if (authId != null) {
                store.authAccounts().delete(authId);
            }
            if (userCreated) {
                store.mailboxes().deleteUser(account.domain(), account.user());
            }
            if (domainCreated) {
                store.domains().delete(account.domain());
                knownDomains.remove(account.domain().toLowerCase(Locale.ROOT));
                domains--;
            }
        }
    }

    private void applyLine(BulkAccount account, Undo undo) {
        Store store = session.store();
        undo.domainCreated = ensureDomain(store, account.domain());
        if (account.user() == null) {
            if (account.quotaKb() != null) {
                store.domains().setQuota(account.domain(), account.quotaKb());
                domainQuotas++;
            }
            return;
        }
        session.newUser(account.user());
        String authId = session.authIdIn(account.user(), account.domain());
        store.users().add(account.domain(), account.user());
        undo.userCreated = true;
        if (account.inbox()) {
            store.mailboxes().addUser(account.domain(), account.user());
        }
        if (account.password() != null) {
            store.authAccounts().add(authId, account.password());
            undo.authId = authId;
        }
        if (account.quotaKb() != null) {
            store.quotas().setUser(account.domain(), account.user(), account.quotaKb());
        }
        users++;
    }

    /** Creates the domain unless it exists; true if it was created. */
    private boolean ensureDomain(Store store, String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        if (knownDomains.contains(key)) {
            return false;
        }
        try {
            store.domains().add(domain);
            knownDomains.add(key);
            domains++;
            return true;
        } catch (AlreadyExistsException e) {
            knownDomains.add(key);
            return false;
        }
    }
}
