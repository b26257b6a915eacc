package org.storemulti.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import org.storemulti.config.InstanceConfig;
import org.storemulti.owner.MailOwner;
import org.storemulti.store.Store;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.LocalPartRule;
import org.storemulti.store.name.UserName;

/**
 * What the commands of one storeadm run share: the instance configuration, the open store
 * (opened on first use, closed after each command line), the current domain that
 * {@code domain_set} or {@code -d} chose, and the user last added (for the seed's
 * {@code mbox_usersub_add FOLDER} shorthand).
 */
final class AdminSession implements AutoCloseable {

    private final Supplier<Path> configOption;
    private final Supplier<String> domainOption;
    private Path configOverride;
    private InstanceConfig config;
    private Store store;
    private String currentDomain;
    private String lastUser;

    AdminSession(Supplier<Path> configOption, Supplier<String> domainOption) {
        this.configOption = configOption;
        this.domainOption = domainOption;
    }

    /** A tool's own {@code -f config}: main.cf or the directory holding it. */
    void overrideConfig(Path mainCfOrDirectory) {
        Path dir = Files.isRegularFile(mainCfOrDirectory) ? mainCfOrDirectory.toAbsolutePath().getParent()
                : mainCfOrDirectory;
        if (!dir.equals(configOverride)) {
            close();
            config = null;
            configOverride = dir;
        }
    }

    InstanceConfig config() {
        if (config == null) {
            Path option = configOverride != null ? configOverride : configOption.get();
            InstanceConfig loaded = InstanceConfig.load(InstanceConfig.chooseDirectory(option, System.getenv()));
            MailOwner.of(loaded).requireIsOwner("storeadm");
            config = loaded;
        }
        return config;
    }

    /** The instance's configuration directory (for commands mounted from other packages). */
    Path configDirectory() {
        return config().configDirectory();
    }

    Path dataDirectory() {
        return config().dataDirectory();
    }

    /** The store of the instance, opened on first use. */
    Store store() {
        if (store == null) {
            store = Store.open(dataDirectory());
        }
        return store;
    }

    /** The current domain, or an error telling how to set one. */
    String domain() {
        String domain = currentDomain != null ? currentDomain : domainOption.get();
        if (domain == null) {
            throw new AdminException("no current domain: run domain_set DOMAIN first (or give storeadm -d DOMAIN)");
        }
        return domain;
    }

    /** Makes {@code domain} (which must exist) current for the following commands. */
    void setDomain(String domain) {
        currentDomain = store().domains().get(domain).name();
    }

    boolean hasDomain() {
        return currentDomain != null || domainOption.get() != null;
    }

    void rememberUser(String user) {
        lastUser = user;
    }

    /** The user last added in this session, for commands that let the seed leave it out. */
    String lastUser(String command) {
        if (lastUser == null) {
            throw new AdminException(command + ": no user given and none added earlier in this session"
                    + " (give USER and MAILBOX)");
        }
        return lastUser;
    }

    /**
     * {@code user}, checked as the name of a new user: one holding a recipient delimiter is
     * refused (mail to it would read as another user's detail), naming the parameter.
     */
    String newUser(String user) {
        UserName name = new UserName(user);
        String delimiters = config().get("recipient_delimiter");
        try {
            new LocalPartRule(delimiters).requireCreatable(name);
        } catch (InvalidNameException e) {
            throw new AdminException(e.getMessage() + " (recipient_delimiter = " + delimiters + ", "
                    + config().where("recipient_delimiter") + "; choose another name)");
        }
        return user;
    }

    String defaultDomain() {
        return config().get("default_domain");
    }

    /** The seed's admin-domain: {@code admin_domain} in main.cf, else {@code default_domain}. */
    String adminDomain() {
        String value = config().get("admin_domain");
        return new DomainName(value.isEmpty() ? defaultDomain() : value).value();
    }

    /**
     * The seed's admin-append-domain-auth rule: with {@code admin_append_domain_auth = yes}
     * and a current domain other than {@code default_domain}, {@code authid} becomes
     * {@code authid@domain}.
     */
    String authId(String authId) {
        if (!appendDomainAuth() || !hasDomain() || authId.contains("@")) {
            return authId;
        }
        String domain = domain();
        return domain.equalsIgnoreCase(defaultDomain()) ? authId : authId + "@" + domain;
    }

    /** The authentication name of {@code user} in {@code domain} under the same rule. */
    String authIdIn(String user, String domain) {
        return appendDomainAuth() && !domain.equalsIgnoreCase(defaultDomain()) ? user + "@" + domain : user;
    }

    /** {@code user@domain} as given, or {@code user} qualified with {@code default_domain}. */
    String qualify(String userId) {
        return userId.contains("@") ? userId : userId + "@" + defaultDomain();
    }

    private boolean appendDomainAuth() {
        String value = config().get("admin_append_domain_auth").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "no" -> false;
            case "yes" -> true;
            default -> throw new AdminException(config().where("admin_append_domain_auth")
                    + ": admin_append_domain_auth = " + value + ": expected yes or no");
        };
    }

    @Override
    public void close() {
        if (store != null) {
            Store open = store;
            store = null;
            open.close();
        }
    }
}
