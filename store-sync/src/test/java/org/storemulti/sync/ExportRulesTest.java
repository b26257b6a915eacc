package org.storemulti.sync;

import java.util.Map;
import java.util.Set;

import org.storemulti.testing.ExportRulesContract;
import org.storemulti.testing.ModuleExports;

/**
 * What store-sync exports: {@code org.storemulti.sync.mbox}, the Unix mailbox library the
 * runtime's spool commands use (every public type there is its API, listed in the README);
 * {@code org.storemulti.sync}, the entry points, {@code org.storemulti.sync.location}, the location SPI, and {@code org.storemulti.sync.store},
 * the store as a location, which the runtime's sync commands open. Other packages are
 * store-sync's own (see {@link ModuleExports} for the rules and why they are a test).
 */
class ExportRulesTest extends ExportRulesContract {

    /** The API the mbox: location will use and the spool commands do not name yet. */
    private static final ModuleExports RULES = ModuleExports.of("store-sync", Set.of("org.storemulti.sync.mbox",
            "org.storemulti.sync", "org.storemulti.sync.location", "org.storemulti.sync.store"), Map.ofEntries(
            Map.entry("sync.Locations", "turns LOCATION words into a location: the runtime's sync commands call it"),
            Map.entry("sync.Sync", "a sync run: the runtime's sync command calls it"),
            Map.entry("sync.SyncLog", "where a run's lines go: the runtime's sync command prints them"),
            Map.entry("sync.mbox.MboxFolder", "what MboxReader.folder() returns and MboxWriteOptions.withFolder takes (UIDs kept)"),
            Map.entry("sync.mbox.MailboxLockedException", "MailboxLock.acquire and MboxReader.snapshot throw it: locks busy too long"),
            Map.entry("sync.mbox.MailboxChangedException", "MboxWriter.replace throws it: the mailbox changed since it was read"),
            Map.entry("sync.mbox.MboxFormatException", "MboxReader throws it: not an mbox, or a broken Content-Length"),
            // the maildir library, until the maildir: location (on the sync's location SPI) uses it
            Map.entry("sync.maildir.CrlfInput", "the maildir: and mbox: locations hand the store CRLF through it"),
            Map.entry("sync.maildir.FolderNames", "the maildir: location maps store names with it"),
            Map.entry("sync.maildir.Maildir", "the maildir: location's tree"),
            Map.entry("sync.maildir.MaildirAppend", "what MaildirFolder.append returns"),
            Map.entry("sync.maildir.MaildirChangedException", "MaildirAppend.commit throws it: a UID was taken meanwhile"),
            Map.entry("sync.maildir.MaildirFolder", "what Maildir.folder returns"),
            Map.entry("sync.maildir.MaildirListing", "what MaildirFolder.list returns"),
            Map.entry("sync.maildir.MaildirLockedException", "Dovecot's dotlocks stayed busy"),
            Map.entry("sync.maildir.MaildirMessage", "what MaildirListing holds"),
            Map.entry("sync.maildir.MaildirOptions", "what Maildir.at takes"),
            Map.entry("sync.maildir.MaildirState", "the maildir: location's change token")));

    @Override
    protected ModuleExports rules() {
        return RULES;
    }
}
