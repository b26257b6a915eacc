package org.storemulti.move;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.storemulti.cli.Progress;
import org.storemulti.delivery.MovedUsers;
import org.storemulti.fs.EditLock;
import org.storemulti.fs.FileModes;
import org.storemulti.lifecycle.CrashPoint;
import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;
import org.storemulti.registry.Selection;
import org.storemulti.store.Store;
import org.storemulti.sync.UserReport;

/**
 * {@code storemulti user-move USER --to INSTANCE}: the seed's five steps as one command. Each
 * step done is recorded ({@link MoveRecords}) before the next begins, so a run killed anywhere
 * is finished by running the same command again. A finished move run again mirrors once more
 * (mail the source took after the final mirror is carried over); {@code --purge} then deletes
 * the source's copy. Runs of one user's move are serialized by a lock next to its record.
 */
public final class UserMove {

    private static final String TAG = "storemulti: user-move: ";

    private final Registry registry;
    private final MoveRecords records;
    private final InstanceStores stores;
    private final PrintWriter out;
    private final PrintWriter err;

    private UserMove(Registry registry, InstanceStores stores, PrintWriter out, PrintWriter err) {
        this.registry = registry;
        this.records = new MoveRecords(registry.primary().dataDirectory());
        this.stores = stores;
        this.out = out;
        this.err = err;
    }

    /** Moves {@code user} to the instance {@code targetName} ({@code -i}'s forms), or purges a finished move's source. */
    public static void run(Path primary, String user, String targetName, boolean purge, PrintWriter out, PrintWriter err) {
        String address = address(user);
        Registry registry = Registry.load(primary);
        Instance target = registry.require(new Selection.Named(targetName));
        try (InstanceStores stores = new InstanceStores()) {
            UserMove move = new UserMove(registry, stores, out, err);
            try (EditLock lock = move.lock(address)) {
                if (purge) {
                    move.purge(address, target);
                } else {
                    move.move(address, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(move.records.directory() + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code name@domain} with the domain in lower case; anything else is refused. */
    static String address(String user) {
        int at = user.lastIndexOf('@');
        if (at <= 0 || at == user.length() - 1 || user.isBlank() || user.chars().anyMatch(Character::isWhitespace)) {
            throw new MoveException("user-move: '" + user + "': expected the store user as name@domain");
        }
        return user.substring(0, at) + "@" + user.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private EditLock lock(String address) throws IOException {
        FileModes.createDirectories(records.directory(), FileModes.PRIVATE_DIRECTORY);
        return EditLock.acquire(records.file(address));
    }

    private void move(String address, Instance target) {
        Optional<MoveRecord> existing = records.find(address);
        if (existing.isPresent() && existing.get().inProgress()) {
            if (!existing.get().to().equals(target.configDirectory())) {
                throw new MoveException(address + ": a move to " + instanceAt(existing.get().to()).label()
                        + " is in progress (last step done: " + existing.get().step().word() + "); finish it first:"
                        + " storemulti user-move " + address + " --to " + instanceAt(existing.get().to()).label());
            }
            resume(existing.get(), target);
            return;
        }
        if (existing.isPresent() && existing.get().to().equals(target.configDirectory())
                && stores.spelling(target, address).isPresent()) {
            catchUp(existing.get(), target);
            return;
        }
        Instance source = home(address, existing);
        if (source.configDirectory().equals(target.configDirectory())) {
            throw new MoveException(address + " is a user of " + target.label() + " already: nothing to move");
        }
        checkTarget(address, target);
        String spelled = stores.spelling(source, address).orElseThrow();
        MoveRecord record = new MoveRecord(spelled, source.configDirectory(), target.configDirectory(), MoveStep.PLANNED);
        records.save(record);
        CrashPoint.reached("move-" + MoveStep.PLANNED.word());
        resume(record, target);
    }

    /** The one instance holding the user (the target of its last finished move when both hold it). */
    private Instance home(String address, Optional<MoveRecord> finished) {
        List<Instance> holders = registry.instances().stream().filter(i -> stores.spelling(i, address).isPresent())
                .toList();
        if (holders.isEmpty()) {
            throw new MoveException("unknown user " + address + ": no instance has it (storemulti -l lists them;"
                    + " storeadm -c DIR mailbox user-list shows an instance's users)");
        }
        if (finished.isPresent()) {
            Optional<Instance> moved = holders.stream()
                    .filter(i -> i.configDirectory().equals(finished.get().to())).findFirst();
            if (moved.isPresent()) {
                return moved.get();
            }
        }
        if (holders.size() > 1) {
            throw new MoveException(address + " is a user of both " + holders.get(0).label() + " and "
                    + holders.get(1).label() + ", and no move says which copy is live; delete the stale one first");
        }
        return holders.get(0);
    }

    private void checkTarget(String address, Instance target) {
        if (registry.multiInstance() && !target.enabled()) {
            throw new MoveException(target.label() + " is disabled: enable it first (storemulti -i " + target.label()
                    + " -e enable) so that it takes the user's mail");
        }
        String domain = address.substring(address.lastIndexOf('@') + 1);
        Optional<Store> store = stores.store(target);
        if (store.isEmpty() || !InstanceStores.hasDomain(store.get(), domain)) {
            throw new MoveException(target.label() + " has no domain " + domain + ": add it first (storeadm -c "
                    + target.configDirectory() + " domain add " + domain + ")");
        }
    }

    private Instance instanceAt(Path configDirectory) {
        return registry.instances().stream().filter(i -> i.configDirectory().equals(configDirectory)).findFirst()
                .orElseThrow(() -> new MoveException("the move record of this user names " + configDirectory
                        + ", which is no longer an instance (storemulti -l lists them); list it again, or remove"
                        + " the record in " + records.directory() + " to start over"));
    }

    private void resume(MoveRecord start, Instance target) {
        Instance source = instanceAt(start.from());
        checkTarget(start.user(), target);
        Store from = stores.store(source).orElseThrow(() -> new MoveException(source.label() + " has no store"));
        Store to = stores.store(target).orElseThrow();
        MoveRecord record = start;
        Progress progress = Progress.start(err, "user-move " + record.user());
        try {
            while (record.inProgress()) {
                MoveStep next = MoveStep.values()[record.step().ordinal() + 1];
                progress.advanced("steps", next.ordinal() - 1, MoveStep.DONE.ordinal());
                String what = step(next, record, source, from, target, to);
                record = record.withStep(next);
                records.save(record);
                report(record.user() + ": " + next.description() + ": " + what);
                CrashPoint.reached("move-" + next.word());
            }
            progress.advanced("steps", MoveStep.DONE.ordinal(), MoveStep.DONE.ordinal());
        } finally {
            progress.finish();
        }
        report(record.user() + ": moved from " + source.label() + " to " + target.label() + "; the source keeps a"
                + " disabled copy until storemulti user-move " + record.user() + " --to " + target.label() + " --purge");
    }

    /** Does {@code next}; returns what it did, for the report. */
    private String step(MoveStep next, MoveRecord record, Instance source, Store from, Instance target, Store to) {
        try {
            return doStep(next, record, source, from, target, to);
        } catch (IOException e) {
            throw new UncheckedIOException(record.user() + ": " + next.description() + ": " + e.getMessage(), e);
        }
    }

    private String doStep(MoveStep next, MoveRecord record, Instance source, Store from, Instance target, Store to)
            throws IOException {
        return switch (next) {
            case FIRST_MIRROR -> {
                new MovedUsers(target.dataDirectory()).unmark(record.user()); // a user moving back takes mail again
                String copied = summary(Mirror.run(from, source, to, target, record.user(), false, err));
                yield copied + (Accounts.copy(from, to, record.user()) ? "; auth account copied" : "; no auth account");
            }
            case SECOND_MIRROR -> summary(Mirror.run(from, source, to, target, record.user(), false, err));
            case ROUTED -> {
                new MovedUsers(source.dataDirectory()).mark(record.user());
                yield source.label() + " defers the user's mail (450 4.2.1); "
                        + TransportMap.switchRoute(registry, stores, record.withStep(MoveStep.ROUTED));
            }
            case KICKED -> {
                Accounts.copy(from, to, record.user()); // a password changed during the move goes along
                Accounts.disable(from, record.user());
                yield "logins refused on " + source.label() + "; " + SourceSessions.kick(source, record.user());
            }
            case DONE -> summary(Mirror.run(from, source, to, target, record.user(), true, err));
            case PLANNED, PURGED -> throw new IllegalStateException("not a step of the move: " + next);
        };
    }

    /** A finished move run again: one more mirror carries over what the source took since. */
    private void catchUp(MoveRecord record, Instance target) {
        Instance source = instanceAt(record.from());
        if (record.step() == MoveStep.PURGED || stores.spelling(source, record.user()).isEmpty()) {
            report(record.user() + ": moved to " + target.label() + " already; the source's copy is gone");
            return;
        }
        UserReport mirrored = Mirror.run(stores.store(source).orElseThrow(), source, stores.store(target).orElseThrow(),
                target, record.user(), true, err);
        report(record.user() + ": moved to " + target.label() + " already; mirror again: " + summary(mirrored));
    }

    /** {@code --purge}: a last mirror, then the source's copy (user, mailboxes, auth account) deleted. */
    private void purge(String address, Instance target) {
        MoveRecord record = records.find(address).filter(r -> r.to().equals(target.configDirectory()))
                .filter(r -> !r.inProgress()).orElseThrow(() -> new MoveException(address + ": no finished move to "
                        + target.label() + ", so nothing to purge (run storemulti user-move " + address + " --to "
                        + target.label() + " first)"));
        Instance source = instanceAt(record.from());
        Optional<String> spelled = stores.spelling(source, record.user());
        if (record.step() == MoveStep.PURGED || spelled.isEmpty()) {
            records.save(record.withStep(MoveStep.PURGED));
            report(record.user() + ": the copy on " + source.label() + " is gone already");
            return;
        }
        Store from = stores.store(source).orElseThrow();
        UserReport last = Mirror.run(from, source, stores.store(target).orElseThrow(), target, record.user(), true, err);
        if (last.messagesCopied() > 0) {
            throw new MoveException(record.user() + ": " + source.label() + " took " + last.messagesCopied()
                    + " more messages since the move (now copied to " + target.label() + "); is mail still routed"
                    + " there? Check the transport map, then purge again");
        }
        String name = spelled.get();
        int at = name.lastIndexOf('@');
        from.mailboxes().deleteUser(name.substring(at + 1), name.substring(0, at));
        Accounts.delete(from, record.user());
        records.save(record.withStep(MoveStep.PURGED));
        report(record.user() + ": the copy on " + source.label() + " is deleted");
    }

    private static String summary(UserReport report) {
        return report.messagesCopied() + " messages copied (" + report.bytesCopied() + " bytes)";
    }

    private void report(String line) {
        out.println(TAG + line);
        out.flush();
    }
}
