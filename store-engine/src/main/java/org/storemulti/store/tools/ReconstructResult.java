package org.storemulti.store.tools;

/**
 * What {@code reconstruct} did to one mailbox: index rows kept (with their flags and
 * internal dates), rows added from message files, rows removed because their file is gone.
 */
public record ReconstructResult(String domain, String mailbox, int kept, int added, int removed) {
}
