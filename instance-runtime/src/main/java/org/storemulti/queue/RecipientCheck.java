package org.storemulti.queue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.storemulti.config.InstanceConfig;
import org.storemulti.delivery.StoreMailDrop;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;
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

    /** Opens the store of the instance {@code config} describes. */
    static RecipientCheck of(InstanceConfig config) {
        Store store = Store.open(config.dataDirectory());
        // the replies say what is wrong; there is no daemon log to write to here
        return new RecipientCheck(store, StoreMailDrop.forInstance(store, config, line -> { }));
    }

    /** The reply for each recipient the store does not take now (550 unknown, 451 ambiguous or failing). */
    @Override
    public List<String> refusals(List<String> recipients) {
        List<String> refused = new ArrayList<>();
        for (String recipient : new LinkedHashSet<>(recipients)) {
            Reply reply = drop.checkRecipient(recipient);
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
