package org.storemulti.queue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.storemulti.config.InstanceConfig;
import org.storemulti.delivery.StoreMailDrop;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;
import org.storemulti.log.MailLog;
import org.storemulti.store.Store;

/**
 * Asks an instance's store whether it takes mail for each recipient now, through the same
 * {@link MailDrop} (and so the same local-part rule) its daemon delivers with, as its LMTP
 * does at RCPT. {@code storeadm deliver} and {@code queue move} use it before they queue or
 * move anything. Holds the store open until closed.
 */
final class RecipientCheck implements RecipientGate, AutoCloseable {

    private final Store store;
    private final MailDrop drop;

    private RecipientCheck(Store store, MailDrop drop) {
        this.store = store;
        this.drop = drop;
    }

    /**
     * Opens the store of the instance {@code config} describes; the store's answers are logged
     * to {@code log} (a temporary failure with its cause, which the reply does not say).
     */
    static RecipientCheck of(InstanceConfig config, MailLog log) {
        Store store = Store.open(config.dataDirectory());
        return new RecipientCheck(store, StoreMailDrop.forInstance(store, config, log));
    }

    /** The reply for each recipient the store does not take now (550 unknown, 451 ambiguous or failing). */
    @Override
    public List<String> refusals(List<String> recipients) {
        List<String> refused = new ArrayList<>();
        for (String recipient : new LinkedHashSet<>(recipients)) {
            Reply reply = drop.checkRecipient("NOQUEUE", recipient);
            if (!reply.positive()) {
                refused.add(reply.line());
            }
        }
        return refused;
    }

    @Override
    public void close() {
        store.close();
    }
}
