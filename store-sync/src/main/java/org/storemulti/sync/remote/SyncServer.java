package org.storemulti.sync.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.storemulti.store.error.StoreException;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderChanges;
import org.storemulti.sync.location.FlagResult;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;
import org.storemulti.sync.location.Saved;
import org.storemulti.sync.location.StoreExtras;
import org.storemulti.sync.location.UserMail;

/**
 * The remote end of a sync: serves {@code location} on {@code in} and {@code out} (a
 * {@code sync-server}'s standard input and output) until the client says goodbye or the stream
 * ends. With {@code onlyUser} ({@code sync-server -u USER}), that user alone is listed, opened,
 * locked, or has its pair state read or written. A batch whose stream is cut or whose body does
 * not match its digest is thrown away whole; the pair locks a client took are held until it
 * releases them or its connection ends.
 */
public final class SyncServer {

    private final Location location;
    private final String onlyUser;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Map<Integer, UserMail> users = new HashMap<>();
    private final Map<Integer, Closeable> locks = new HashMap<>();
    private int nextHandle = 1;
    private SaveBatch batch;
    private LocationException batchFailure;

    public SyncServer(Location location, String onlyUser, InputStream in, OutputStream out) {
        this.location = location;
        this.onlyUser = onlyUser;
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
    }

    /**
     * Serves until goodbye (true) or the end of the input (false: the client went away; a batch
     * it was sending is thrown away).
     */
    public boolean serve() throws IOException {
        String hello = line();
        if (!Wire.HANDSHAKE.equals(hello)) {
            out.write(("STORESYNC-ERROR expected \"" + Wire.HANDSHAKE + "\", got \"" + hello + "\"\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("sync-server: the client does not speak protocol 1 (it said \"" + hello + "\")");
        }
        out.write((Wire.HANDSHAKE + "\n").getBytes(StandardCharsets.UTF_8));
        Wire.string(out, location.identity());
        Wire.strings(out, location.capabilities().stream().map(Enum::name).toList());
        out.flush();
        try {
            while (true) {
                int code = in.read();
                if (code < 0) {
                    return false;
                }
                Op op = Op.of(code);
                if (op == Op.BYE) {
                    out.writeByte(Wire.OK);
                    out.flush();
                    return true;
                }
                handle(op);
            }
        } catch (EOFException e) {
            return false;
        } finally {
            try {
                abortBatch();
                for (UserMail mail : users.values()) {
                    mail.close();
                }
            } finally {
                releaseLocks();
            }
        }
    }

    /** The pair locks the client still holds, released when its connection ends however it ends. */
    private void releaseLocks() throws IOException {
        IOException first = null;
        for (Closeable lock : locks.values()) {
            try {
                lock.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        locks.clear();
        if (first != null) {
            throw first;
        }
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || text.length() > 200) {
                return text.toString();
            }
            text.append((char) c);
        }
        return text.toString();
    }

    private void handle(Op op) throws IOException {
        try {
            dispatch(op);
        } catch (LocationException e) {
            Wire.error(out, e);
        } catch (StoreException e) {
            Wire.error(out, new LocationException(Kind.FAILED, e.getMessage()));
        }
        if (op != Op.ADD) {
            out.flush();
        }
    }

    private UserMail user() throws IOException {
        UserMail mail = users.get(in.readInt());
        if (mail == null) {
            throw new IOException("protocol error: no such user handle");
        }
        return mail;
    }

    private StoreExtras extras(UserMail mail) throws LocationException {
        return mail.extras().orElseThrow(() -> new LocationException(Kind.REFUSED, location.description()
                + ": no quotas or ACLs here"));
    }

    private void dispatch(Op op) throws IOException {
        switch (op) {
            case USERS -> ok().strings(onlyUser == null ? location.users()
                    : location.users().stream().filter(onlyUser::equalsIgnoreCase).toList());
            case OPEN -> open();
            case CLOSE_USER -> {
                UserMail mail = users.remove(in.readInt());
                if (mail != null) {
                    mail.close();
                }
                ok();
            }
            case LOAD_STATE -> {
                String peer = Wire.string(in);
                String user = Wire.string(in);
                served(user);
                Optional<String> state = location.loadPeerState(peer, user);
                ok().string(state.orElse(null));
            }
            case SAVE_STATE -> {
                String peer = Wire.string(in);
                String user = Wire.string(in);
                String state = Wire.string(in);
                served(user);
                location.savePeerState(peer, user, state);
                ok();
            }
            case LOCK_STATE -> {
                String peer = Wire.string(in);
                String user = Wire.string(in);
                served(user);
                int handle = keep(locks, location.lockPeerState(peer, user));
                ok();
                out.writeInt(handle);
            }
            case UNLOCK_STATE -> {
                Closeable lock = locks.remove(in.readInt());
                if (lock == null) {
                    throw new IOException("protocol error: no such lock handle");
                }
                lock.close();
                ok();
            }
            default -> dispatchUser(op, user());
        }
    }

    private void open() throws IOException {
        String user = Wire.string(in);
        boolean create = in.readBoolean();
        served(user);
        UserMail mail = location.open(user, create);
        int handle = keep(users, mail);
        ok();
        out.writeInt(handle);
        Wire.string(out, mail.user());
    }

    /** Keeps what the client holds (a user opened, a lock taken) under a new handle. */
    private <T> int keep(Map<Integer, T> held, T thing) {
        int handle = nextHandle++;
        held.put(handle, thing);
        return handle;
    }

    /** Refuses a user other than {@code -u}'s. */
    private void served(String user) throws LocationException {
        if (onlyUser != null && !onlyUser.equalsIgnoreCase(user)) {
            throw new LocationException(Kind.REFUSED, location.description() + ": this sync-server serves "
                    + onlyUser + " only, not " + user);
        }
    }

    private void dispatchUser(Op op, UserMail mail) throws IOException {
        switch (op) {
            case FOLDERS -> {
                var folders = mail.folders();
                ok();
                out.writeInt(folders.size());
                for (var info : folders) {
                    Wire.folder(out, info);
                }
            }
            case CREATE -> {
                var info = mail.create(Wire.string(in), Wire.string(in), in.readLong());
                ok();
                Wire.folder(out, info);
            }
            case RENAME -> {
                mail.rename(Wire.string(in), Wire.string(in));
                ok();
            }
            case DELETE -> {
                mail.delete(Wire.string(in));
                ok();
            }
            case SPECIAL_USE -> {
                mail.setSpecialUse(Wire.string(in), Wire.stringSet(in));
                ok();
            }
            case SUBSCRIPTIONS -> ok().strings(mail.subscriptions());
            case SUBSCRIBE -> {
                mail.subscribe(Wire.string(in));
                ok();
            }
            case UNSUBSCRIBE -> {
                mail.unsubscribe(Wire.string(in));
                ok();
            }
            case HAS_EXTRAS -> {
                ok();
                out.writeBoolean(mail.extras().isPresent());
            }
            case QUOTA -> {
                OptionalLong quota = extras(mail).quotaKb();
                ok();
                out.writeLong(quota.isPresent() ? quota.getAsLong() : -1);
            }
            case SET_QUOTA -> {
                long kb = in.readLong();
                extras(mail).setQuotaKb(kb < 0 ? OptionalLong.empty() : OptionalLong.of(kb));
                ok();
            }
            case ACLS -> {
                Map<String, Map<String, String>> acls = extras(mail).acls();
                ok();
                out.writeInt(acls.size());
                for (var each : acls.entrySet()) {
                    Wire.string(out, each.getKey());
                    Wire.stringMap(out, each.getValue());
                }
            }
            case ACL -> {
                Map<String, String> acl = extras(mail).acl(Wire.string(in));
                ok();
                Wire.stringMap(out, acl);
            }
            case SET_ACL -> {
                extras(mail).setAcl(Wire.string(in), Wire.stringMap(in));
                ok();
            }
            default -> dispatchFolder(op, mail);
        }
    }

    private void dispatchFolder(Op op, UserMail mail) throws IOException {
        String guid = Wire.string(in);
        switch (op) {
            case FOLDER_INFO -> {
                var info = mail.folder(guid).info();
                ok();
                Wire.folder(out, info);
            }
            case MESSAGES -> {
                List<MessageMeta> metas = mail.folder(guid).messages(UidSet.parse(Wire.string(in)));
                ok();
                Wire.metas(out, metas);
            }
            case CHANGES -> {
                Optional<FolderChanges> changes = mail.folder(guid).changesSince(Wire.string(in));
                ok();
                out.writeBoolean(changes.isPresent());
                if (changes.isPresent()) {
                    Wire.folder(out, changes.get().info());
                    Wire.metas(out, changes.get().changed());
                    Wire.expunged(out, changes.get().expunged());
                }
            }
            case READ -> read(mail.folder(guid), Wire.longs(in));
            case BEGIN -> {
                abortBatch();
                batchFailure = null;
                batch = mail.folder(guid).saveBatch();
                ok();
            }
            case ADD -> add();
            case COMMIT -> commit();
            case ABORT -> {
                abortBatch();
                ok();
            }
            case SET_FLAGS -> setFlags(mail.folder(guid));
            case REMOVE -> {
                List<MessageMeta> gone = mail.folder(guid).remove(UidSet.parse(Wire.string(in)));
                ok();
                Wire.metas(out, gone);
            }
            case RENUMBER -> {
                long uidValidity = in.readLong();
                List<Long> pairs = Wire.longs(in);
                Map<Long, Long> moves = new LinkedHashMap<>();
                for (int i = 0; i + 1 < pairs.size(); i += 2) {
                    moves.put(pairs.get(i), pairs.get(i + 1));
                }
                var info = mail.folder(guid).renumber(uidValidity, moves);
                ok();
                Wire.folder(out, info);
            }
            case RESET_IDENTITY -> {
                var info = mail.folder(guid).resetIdentity(Wire.string(in), in.readLong());
                ok();
                Wire.folder(out, info);
            }
            default -> throw new IOException("protocol error: request " + op + " out of place");
        }
    }

    /** The bodies asked for, one after the other; an error ends the stream of bodies. */
    private void read(Folder folder, List<Long> uids) throws IOException {
        ok();
        try {
            folder.read(uids, (meta, content) -> {
                out.writeByte(Wire.BODY);
                Wire.meta(out, meta);
                Wire.body(out, content);
            });
            out.writeByte(Wire.END);
        } catch (LocationException e) {
            Wire.error(out, e);
        }
    }

    /** One message into the open batch; a failure is kept for the commit, the rest of the body skipped. */
    private void add() throws IOException {
        MessageMeta wanted = Wire.meta(in);
        Wire.BodyInput body = new Wire.BodyInput(in, location.description() + ": message " + wanted.guid());
        if (batch == null || batchFailure != null) {
            body.drain();
            return;
        }
        try {
            batch.add(wanted, body);
            body.drain();
        } catch (EOFException e) {
            throw e; // the client went away: serve() ends and throws the batch away
        } catch (IOException e) {
            batchFailure = e instanceof LocationException le ? le : new LocationException(Kind.FAILED, e.getMessage());
            abortBatch();
            body.drain();
        }
    }

    private void commit() throws IOException {
        if (batchFailure != null || batch == null) {
            LocationException failure = batchFailure != null ? batchFailure
                    : new LocationException(Kind.FAILED, "protocol error: commit without a batch");
            batchFailure = null;
            throw failure;
        }
        List<Saved> saved;
        try {
            saved = batch.commit();
        } finally {
            abortBatch();
        }
        ok();
        out.writeInt(saved.size());
        for (Saved one : saved) {
            out.writeLong(one.uid());
            Wire.string(out, one.guid());
            out.writeLong(one.modseq());
            Wire.string(out, one.refusal());
        }
    }

    private void setFlags(Folder folder) throws IOException {
        long unchangedSince = in.readLong();
        int n = Wire.count(in);
        Map<Long, Flags> flags = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            flags.put(in.readLong(), Wire.flags(Wire.string(in)));
        }
        FlagResult result = folder.setFlags(flags, unchangedSince);
        ok();
        out.writeLong(result.modseq());
        Wire.longs(out, result.refused());
    }

    private void abortBatch() throws IOException {
        if (batch != null) {
            SaveBatch open = batch;
            batch = null;
            open.close();
        }
    }

    /** Starts an OK reply; returns a writer for its results. */
    private Reply ok() throws IOException {
        out.writeByte(Wire.OK);
        return new Reply();
    }

    /** The results of an OK reply. */
    private final class Reply {
        void strings(java.util.Collection<String> texts) throws IOException {
            Wire.strings(out, texts);
        }

        void string(String text) throws IOException {
            Wire.string(out, text);
        }
    }
}
