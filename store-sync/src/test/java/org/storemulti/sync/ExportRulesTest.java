package org.storemulti.sync;

import java.util.Map;
import java.util.Set;

import org.storemulti.testing.ExportRulesContract;
import org.storemulti.testing.ModuleExports;

/**
 * What store-sync exports: {@code org.storemulti.sync.mbox}, the Unix mailbox library the
 * runtime's spool commands use (every public type there is its API, listed in the README);
 * {@code org.storemulti.sync}, the entry points, {@code org.storemulti.sync.location}, the location SPI, and {@code org.storemulti.sync.store},
 * the store as a location, which the runtime's sync commands open; {@code org.storemulti.sync.remote}, whose
 * {@code SyncServer} the runtime's {@code sync-server} runs. Other packages are
 * store-sync's own (see {@link ModuleExports} for the rules and why they are a test).
 */
class ExportRulesTest extends ExportRulesContract {

    /** Public types no other module names yet, with why they are public. */
    private static final ModuleExports RULES = ModuleExports.of("store-sync", Set.of("org.storemulti.sync.mbox",
            "org.storemulti.sync", "org.storemulti.sync.location", "org.storemulti.sync.store",
            "org.storemulti.sync.remote"), Map.of());

    @Override
    protected ModuleExports rules() {
        return RULES;
    }
}
