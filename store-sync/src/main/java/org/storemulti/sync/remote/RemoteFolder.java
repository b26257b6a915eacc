package org.storemulti.sync.remote;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.location.BodyReader;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderChanges;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.FlagResult;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;
import org.storemulti.sync.location.Saved;

/** One mailbox at the remote peer, by GUID. */
final class RemoteFolder implements Folder {

    private final RemoteUserMail user;
    private String guid; // the folder is the same mailbox after resetIdentity, under its new GUID

    RemoteFolder(RemoteUserMail user, String guid) {
        this.user = user;
        this.guid = guid;
    }

    private <T> T request(Op op, Channel.Arguments arguments, Channel.Results<T> results) throws IOException {
        return user.request(op, out -> {
            Wire.string(out, guid);
            arguments.write(out);
        }, results);
    }

    @Override
    public FolderInfo info() throws IOException {
        return request(Op.FOLDER_INFO, out -> { }, Wire::folder);
    }

    @Override
    public List<MessageMeta> messages(UidSet uids) throws IOException {
        if (uids.isEmpty()) {
            return List.of();
        }
        return request(Op.MESSAGES, out -> Wire.string(out, uids.toString()), Wire::metas);
    }

    @Override
    public Optional<FolderChanges> changesSince(String token) throws IOException {
        return request(Op.CHANGES, out -> Wire.string(out, token), in -> in.readBoolean()
                ? Optional.of(new FolderChanges(Wire.folder(in), Wire.metas(in), Wire.expunged(in))) : Optional.empty());
    }

    /**
     * The bodies as the server streams them, each checked against its size and digest at its end;
     * if {@code reader} fails, the rest is still read off the connection before the failure is
     * thrown, so the connection stays usable.
     */
    @Override
    public void read(List<Long> uids, BodyReader reader) throws IOException {
        if (uids.isEmpty()) {
            return;
        }
        Channel channel = user.channel;
        DataInputStream in = user.request(Op.READ, out -> {
            Wire.string(out, guid);
            Wire.longs(out, uids);
        }, stream -> stream);
        IOException failed = null;
        try {
            for (int kind = in.read(); kind != Wire.END; kind = in.read()) {
                if (kind == Wire.ERROR) {
                    throw Wire.error(in);
                }
                if (kind != Wire.BODY) {
                    throw new IOException(kind < 0 ? "the connection ended" : "protocol error: " + kind + " among bodies");
                }
                MessageMeta meta = Wire.meta(in);
                Wire.BodyInput body = new Wire.BodyInput(in, "message uid " + meta.uid());
                if (failed == null) {
                    try {
                        reader.body(meta, body);
                    } catch (IOException e) {
                        failed = e; // a body that did not match, or the reader's own failure: the rest is skipped
                    }
                }
                body.drain();
            }
        } catch (LocationException e) {
            throw e;
        } catch (IOException e) {
            throw channel.failure(e);
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public SaveBatch saveBatch() throws IOException {
        request(Op.BEGIN, out -> { }, in -> null);
        return new RemoteSaveBatch(user, guid);
    }

    @Override
    public FlagResult setFlags(Map<Long, Flags> flags, long unchangedSince) throws IOException {
        return request(Op.SET_FLAGS, out -> {
            out.writeLong(unchangedSince);
            out.writeInt(flags.size());
            for (Map.Entry<Long, Flags> each : flags.entrySet()) {
                out.writeLong(each.getKey());
                Wire.string(out, each.getValue().column());
            }
        }, in -> new FlagResult(in.readLong(), Wire.longs(in)));
    }

    @Override
    public List<MessageMeta> remove(UidSet uids) throws IOException {
        return request(Op.REMOVE, out -> Wire.string(out, uids.toString()), Wire::metas);
    }

    @Override
    public FolderInfo renumber(long uidValidity, Map<Long, Long> newUids) throws IOException {
        List<Long> pairs = new ArrayList<>();
        newUids.forEach((from, to) -> {
            pairs.add(from);
            pairs.add(to);
        });
        return request(Op.RENUMBER, out -> {
            out.writeLong(uidValidity);
            Wire.longs(out, pairs);
        }, Wire::folder);
    }

    @Override
    public FolderInfo resetIdentity(String newGuid, long uidValidity) throws IOException {
        FolderInfo info = request(Op.RESET_IDENTITY, out -> {
            Wire.string(out, newGuid);
            out.writeLong(uidValidity);
        }, Wire::folder);
        guid = info.guid();
        return info;
    }

    /** Messages streamed to the server as they are added; the server commits them only on {@link #commit}. */
    private static final class RemoteSaveBatch implements SaveBatch {
        private final RemoteUserMail user;
        private final String guid;
        private boolean open = true;

        RemoteSaveBatch(RemoteUserMail user, String guid) {
            this.user = user;
            this.guid = guid;
        }

        @Override
        public void add(MessageMeta wanted, InputStream content) throws IOException {
            user.channel.send(Op.ADD, out -> {
                out.writeInt(user.handle);
                Wire.string(out, guid);
                Wire.meta(out, wanted);
                Wire.body(out, content);
            });
        }

        @Override
        public List<Saved> commit() throws IOException {
            open = false;
            return user.request(Op.COMMIT, out -> Wire.string(out, guid), in -> {
                int n = Wire.count(in);
                List<Saved> saved = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    saved.add(new Saved(in.readLong(), Wire.string(in), in.readLong(), Wire.string(in)));
                }
                return saved;
            });
        }

        @Override
        public void close() throws IOException {
            if (open) {
                open = false;
                if (!user.channel.broken()) {
                    user.request(Op.ABORT, out -> Wire.string(out, guid));
                }
            }
        }
    }
}
