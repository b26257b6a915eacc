package org.storemulti.sync.mbox;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How {@link MboxWriter} writes.
 *
 * @param locks waits and hold limit for the mail system's locks
 * @param zone the zone of the {@code From } lines' local times (Postfix writes the system's)
 * @param unixLineEnds write CRLF as LF, as every Unix mail reader expects (off: bytes kept as given)
 * @param folder UIDVALIDITY, UIDNEXT and keywords to keep in {@code X-IMAPbase} (with an
 *        {@code X-UID} per message), or null to keep no UIDs
 * @param stagingDirectory where appended messages are prepared before they go in under the
 *        locks (mode 0600 files); null for the mailbox's own directory
 */
public record MboxWriteOptions(LockPolicy locks, ZoneId zone, boolean unixLineEnds, MboxFolder folder,
        Path stagingDirectory) {

    public MboxWriteOptions {
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(zone, "zone");
    }

    /** Default locks, the system's zone, Unix line ends, no UIDs, staging beside the mailbox. */
    public static MboxWriteOptions defaults() {
        return new MboxWriteOptions(LockPolicy.defaults(), ZoneId.systemDefault(), true, null, null);
    }

    public MboxWriteOptions withLocks(LockPolicy newLocks) {
        return new MboxWriteOptions(newLocks, zone, unixLineEnds, folder, stagingDirectory);
    }

    public MboxWriteOptions withZone(ZoneId newZone) {
        return new MboxWriteOptions(locks, newZone, unixLineEnds, folder, stagingDirectory);
    }

    public MboxWriteOptions withUnixLineEnds(boolean unix) {
        return new MboxWriteOptions(locks, zone, unix, folder, stagingDirectory);
    }

    public MboxWriteOptions withFolder(MboxFolder newFolder) {
        return new MboxWriteOptions(locks, zone, unixLineEnds, newFolder, stagingDirectory);
    }

    public MboxWriteOptions withStagingDirectory(Path directory) {
        return new MboxWriteOptions(locks, zone, unixLineEnds, folder, directory);
    }
}
