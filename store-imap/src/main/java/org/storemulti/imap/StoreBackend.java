package org.storemulti.imap;

import java.util.Optional;
import java.util.function.Consumer;

import org.storemulti.store.Store;
import org.storemulti.store.auth.Authentication;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.mailbox.Recipients;
import org.storemulti.store.message.DeliveryPipeline;
import org.storemulti.store.name.LocalPartRule;

/**
 * The backend over an open {@link Store}. A login is the store's auth accounts and aliases
 * ({@code {SHA512-CRYPT}} hashes, expiry, enabled accounts and domains; a bare name gets
 * {@code defaultDomain}), and the identity it maps to is then found among the users with
 * the rule mail uses ({@link Recipients}, the instance's {@link LocalPartRule}): ASCII case
 * ignored, the user's own spelling kept, so {@code JOE@example.com} reads joe's mail and
 * names it {@code joe@example.com}. An identity that names no user, or several that differ
 * only in case, does not log in.
 */
public final class StoreBackend implements ImapBackend {

    private final Store store;
    private final String defaultDomain;
    private final LocalPartRule rule;
    private final DeliveryPipeline pipeline;
    private final Consumer<String> log;

    /** Logins without recipient delimiters, reasons unlogged (tests and benchmarks). */
    public StoreBackend(Store store, String defaultDomain) {
        this(store, defaultDomain, LocalPartRule.NO_DETAILS, line -> { });
    }

    /**
     * A backend whose identities resolve under {@code rule} (the instance's
     * {@code recipient_delimiter}); {@code log} hears why a right password still did not
     * log in (account disabled, password expired, domain disabled, no such user).
     */
    public StoreBackend(Store store, String defaultDomain, LocalPartRule rule, Consumer<String> log) {
        this.store = store;
        this.defaultDomain = defaultDomain;
        this.rule = rule;
        this.pipeline = store.pipeline(rule);
        this.log = log;
    }

    @Override
    public Optional<String> authenticate(String authenticationId, String password) {
        try {
            Authentication result = store.authAccounts().authenticate(authenticationId, password, defaultDomain);
            switch (result.outcome()) {
                case ACCEPTED -> {
                    return user(authenticationId, result.userId());
                }
                case NO_SUCH_ACCOUNT, WRONG_PASSWORD -> {
                    return Optional.empty();
                }
                default -> {
                    log.accept("imap: login of " + authenticationId + " refused: " + result.outcome().name()
                            .toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                    return Optional.empty();
                }
            }
        } catch (StorageException e) {
            throw new Unavailable("authentication of " + authenticationId + ": " + e.getMessage(), e);
        }
    }

    /** The user {@code identity} ({@code local@domain}) names, as {@code User@domain} with the user's spelling. */
    private Optional<String> user(String authenticationId, String identity) {
        int at = identity.lastIndexOf('@');
        Recipients.Resolution found = store.recipients().resolve(identity.substring(at + 1), identity.substring(0, at),
                rule);
        if (found instanceof Recipients.Resolution.Found user) {
            return Optional.of(user.user() + "@" + user.domain());
        }
        String why = found instanceof Recipients.Resolution.Unknown unknown ? unknown.why()
                : "several users differ from " + identity + " only in case: "
                        + ((Recipients.Resolution.Ambiguous) found).users();
        log.accept("imap: login of " + authenticationId + " as " + identity + " refused: " + why);
        return Optional.empty();
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public DeliveryPipeline pipeline() {
        return pipeline;
    }
}
