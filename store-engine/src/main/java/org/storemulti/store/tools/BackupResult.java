package org.storemulti.store.tools;

import java.nio.file.Path;

/**
 * A finished backup: its directory, how many message files were hard-linked or copied,
 * and how many messages were left out because they were expunged while the backup ran.
 */
public record BackupResult(Path directory, int linked, int copied, int expungedMeanwhile) {
}
