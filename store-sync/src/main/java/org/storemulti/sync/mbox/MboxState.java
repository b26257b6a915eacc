package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A mailbox file's size and modify time: the save decision of the seed's mailasm. A mailbox
 * whose size and mtime equal those of the last copy is unchanged and is not opened at all.
 *
 * <p>Modify time, not change time: putting atime and mtime back after reading (as every copy
 * here does) sets the change time, so ctime would call every saved mailbox changed.
 */
public record MboxState(long size, FileTime modified) {

    public MboxState {
        Objects.requireNonNull(modified, "modified");
    }

    /** The state of {@code mailbox} from one {@code lstat}; the file is not opened. */
    public static MboxState of(Path mailbox) throws IOException {
        return of(Files.readAttributes(mailbox, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    public static MboxState of(BasicFileAttributes attributes) {
        return new MboxState(attributes.size(), attributes.lastModifiedTime());
    }

    /** True if nothing can have changed since {@code earlier} (same size, same mtime to the nanosecond). */
    public boolean unchangedSince(MboxState earlier) {
        return earlier != null && size == earlier.size && modified.equals(earlier.modified);
    }
}
