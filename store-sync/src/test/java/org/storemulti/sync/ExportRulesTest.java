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

    /** Public types no other module names yet, with why they are public. */
    private static final ModuleExports RULES = ModuleExports.of("store-sync", Set.of("org.storemulti.sync.mbox",
            "org.storemulti.sync", "org.storemulti.sync.location", "org.storemulti.sync.store"), Map.ofEntries(
            Map.entry("sync.SyncLog", "where a run's lines go: the runtime's sync command prints them")));

    @Override
    protected ModuleExports rules() {
        return RULES;
    }
}
