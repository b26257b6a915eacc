package org.storemulti.store.message;

/**
 * A message file that is written, synced and renamed into place but not yet referenced by
 * the index. {@code path} is relative to the messages directory.
 */
public record StagedFile(String path, long bodySize, long fileSize) {
}
