package org.storemulti.store;

import java.util.Map;
import java.util.Set;

import org.storemulti.testing.ExportRulesContract;
import org.storemulti.testing.ModuleExports;

/**
 * What store-engine exports: {@code Store} and the per-concept services it hands out, their
 * values and exceptions, the tools, the data directory's facts ({@code data}) and the file
 * primitives every module shares ({@code fs}). {@code db} is the engine's own: the concept
 * packages run their SQL through it, no other module may; and the message files' own types,
 * public for the engine's other packages, are listed as its own use. See {@link ModuleExports}
 * for the rules and why they are a test.
 */
class ExportRulesTest extends ExportRulesContract {

    private static final ModuleExports RULES = ModuleExports.of("store-engine", Set.of(
            "org.storemulti.fs",
            "org.storemulti.store",
            "org.storemulti.store.account",
            "org.storemulti.store.auth",
            "org.storemulti.store.change",
            "org.storemulti.store.data",
            "org.storemulti.store.domain",
            "org.storemulti.store.error",
            "org.storemulti.store.mailbox",
            "org.storemulti.store.message",
            "org.storemulti.store.mime",
            "org.storemulti.store.name",
            "org.storemulti.store.tools"),
            Map.of("store.db.Work", "the lambdas the concept packages hand to Database.read and write",
                    "store.db.RowMapper", "the lambdas the concept packages hand to Session.list and first"))
            .withOwnUse(Map.of(
                    "store.message.MessageFiles", "Store, the deletes and the tools reach the files; mail arrives only by delivery",
                    "store.message.StagedFile", "what MessageFiles.write hands the Deliverer",
                    "store.message.Deliverer", "Store wires it under the group commit; others deliver through Store",
                    "store.message.MessageGarbage", "domain and mailbox deletes drop their messages through it",
                    "store.message.MessageEnvelope", "the envelope line of a message file, which reconstruct reads"));

    @Override
    protected ModuleExports rules() {
        return RULES;
    }
}
