package org.storemulti.sync.remote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.StoreExtras;
import org.storemulti.sync.location.UserMail;

/** One user at the remote peer, over the connection it holds until closed. */
final class RemoteUserMail implements UserMail, StoreExtras {

    private final RemoteLocation location;
    final Channel channel;
    final int handle;
    private final String user;
    private Boolean extras;

    RemoteUserMail(RemoteLocation location, Channel channel, int handle, String user) {
        this.location = location;
        this.channel = channel;
        this.handle = handle;
        this.user = user;
    }

    @Override
    public String user() {
        return user;
    }

    /** A request about this user: the handle first, then {@code arguments}. */
    <T> T request(Op op, Channel.Arguments arguments, Channel.Results<T> results) throws IOException {
        return channel.request(op, out -> {
            out.writeInt(handle);
            arguments.write(out);
        }, results);
    }

    void request(Op op, Channel.Arguments arguments) throws IOException {
        request(op, arguments, in -> null);
    }

    @Override
    public List<FolderInfo> folders() throws IOException {
        return request(Op.FOLDERS, out -> { }, in -> {
            int n = Wire.count(in);
            List<FolderInfo> folders = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                folders.add(Wire.folder(in));
            }
            return folders;
        });
    }

    @Override
    public Folder folder(String guid) {
        return new RemoteFolder(this, guid);
    }

    @Override
    public FolderInfo create(String name, String guid, long uidValidity) throws IOException {
        return request(Op.CREATE, out -> {
            Wire.string(out, name);
            Wire.string(out, guid);
            out.writeLong(uidValidity);
        }, Wire::folder);
    }

    @Override
    public void rename(String guid, String newName) throws IOException {
        request(Op.RENAME, out -> {
            Wire.string(out, guid);
            Wire.string(out, newName);
        });
    }

    @Override
    public void delete(String guid) throws IOException {
        request(Op.DELETE, out -> Wire.string(out, guid));
    }

    @Override
    public void setSpecialUse(String guid, Set<String> uses) throws IOException {
        request(Op.SPECIAL_USE, out -> {
            Wire.string(out, guid);
            Wire.strings(out, uses);
        });
    }

    @Override
    public Set<String> subscriptions() throws IOException {
        return request(Op.SUBSCRIPTIONS, out -> { }, Wire::stringSet);
    }

    @Override
    public void subscribe(String name) throws IOException {
        request(Op.SUBSCRIBE, out -> Wire.string(out, name));
    }

    @Override
    public void unsubscribe(String name) throws IOException {
        request(Op.UNSUBSCRIBE, out -> Wire.string(out, name));
    }

    @Override
    public Optional<StoreExtras> extras() {
        if (extras == null) {
            try {
                extras = request(Op.HAS_EXTRAS, out -> { }, in -> in.readBoolean());
            } catch (IOException e) {
                extras = false; // the next request reports the broken connection
            }
        }
        return extras ? Optional.of(this) : Optional.empty();
    }

    @Override
    public OptionalLong quotaKb() throws IOException {
        long kb = request(Op.QUOTA, out -> { }, in -> in.readLong());
        return kb < 0 ? OptionalLong.empty() : OptionalLong.of(kb);
    }

    @Override
    public void setQuotaKb(OptionalLong kilobytes) throws IOException {
        request(Op.SET_QUOTA, out -> out.writeLong(kilobytes.isPresent() ? kilobytes.getAsLong() : -1));
    }

    @Override
    public Map<String, Map<String, String>> acls() throws IOException {
        return request(Op.ACLS, out -> { }, in -> {
            int n = Wire.count(in);
            Map<String, Map<String, String>> all = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                all.put(Wire.string(in), Wire.stringMap(in));
            }
            return all;
        });
    }

    @Override
    public Map<String, String> acl(String guid) throws IOException {
        return request(Op.ACL, out -> Wire.string(out, guid), Wire::stringMap);
    }

    @Override
    public void setAcl(String guid, Map<String, String> entries) throws IOException {
        request(Op.SET_ACL, out -> {
            Wire.string(out, guid);
            Wire.stringMap(out, entries);
        });
    }

    /** Closes the user on the server and gives the connection back. */
    @Override
    public void close() {
        try {
            if (!channel.broken()) {
                channel.request(Op.CLOSE_USER, out -> out.writeInt(handle));
            }
        } catch (IOException e) {
            // the channel is marked broken and will not be reused
        } finally {
            location.give(channel);
        }
    }
}
