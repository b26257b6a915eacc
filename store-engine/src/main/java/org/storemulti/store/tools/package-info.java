/**
 * Database tools (seed tables 12-11 to 12-18): live backup ({@code VACUUM INTO} plus hard
 * links of message files, written under a temporary name and finished with a manifest),
 * restore (the backup checked completely first, the old data set aside as
 * {@code NAME.asofTIMESTAMP} and put back on failure), checkpoint, recover, verify
 * (database integrity and database versus files) with optional repair, the sweep of crash
 * leftovers, the archive list, and reconstruct of a mailbox's index from its message files.
 *
 * <p>Reads every table and file; writes the index only in repair and reconstruct, and
 * message files only by linking, copying or deleting orphans. Never creates mailboxes.
 */
package org.storemulti.store.tools;
