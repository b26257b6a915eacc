package org.storemulti.delivery;

import java.util.ArrayList;
import java.util.List;

import org.storemulti.lmtp.Envelope;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;
import org.storemulti.store.Store;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.StoreException;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;

/**
 * Delivers into the instance's store through its group-commit batcher, so deliveries
 * arriving together from many sessions share one commit and one directory sync. A
 * recipient's mail goes to {@code user/NAME/INBOX}, or to {@code user/NAME/DETAIL} for
 * {@code NAME+DETAIL@domain} when that folder exists and anyone may post to it
 * (the {@code p} right). Disabled domains still receive, as in M-Store.
 */
public final class StoreMailDrop implements MailDrop {

    private final Store store;
    private final String defaultDomain;
    private final boolean quotaFullTemporary;

    /** The delivery path an instance's main.cf describes ({@code default_domain}, {@code quota_full_temporary}). */
    public static StoreMailDrop forInstance(Store store, org.storemulti.config.InstanceConfig config) {
        return new StoreMailDrop(store, config.get("default_domain"), config.bool("quota_full_temporary"));
    }

    public StoreMailDrop(Store store, String defaultDomain, boolean quotaFullTemporary) {
        this.store = store;
        this.defaultDomain = defaultDomain;
        this.quotaFullTemporary = quotaFullTemporary;
    }

    @Override
    public Reply checkRecipient(String address) {
        try {
            store.mailboxes().get(Recipient.parse(address, defaultDomain).domain(), mailboxOf(address));
            return Reply.OK;
        } catch (NotFoundException | InvalidNameException e) {
            return unknown(address);
        } catch (StoreException e) {
            return new Reply(451, "4.3.0", "<" + address + ">: temporary store failure");
        }
    }

    @Override
    public List<Reply> deliver(Envelope envelope, byte[] message) {
        List<Delivery> deliveries = new ArrayList<>();
        for (String address : envelope.recipients()) {
            Recipient r = Recipient.parse(address, defaultDomain);
            deliveries.add(Delivery.of(r.domain(), mailboxOf(address), message));
        }
        List<DeliveryResult> results = store.batcher().deliver(deliveries);
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            replies.add(reply(envelope.recipients().get(i), results.get(i)));
        }
        return replies;
    }

    /** INBOX, or the detail folder when it exists and accepts posts from anyone. */
    private String mailboxOf(String address) {
        Recipient r = Recipient.parse(address, defaultDomain);
        String folder = r.detailFolder();
        if (!folder.isEmpty()) {
            try {
                if (store.acls().rightsOf(r.domain(), folder, "anonymous").has('p')) {
                    return folder;
                }
            } catch (StoreException e) {
                // no such folder (or no right to post): INBOX, as the detail is only a hint
            }
        }
        return r.inbox();
    }

    private Reply reply(String address, DeliveryResult result) {
        if (result instanceof DeliveryResult.Stored stored) {
            return Reply.ok("2.0.0", "<" + address + "> delivered, uid " + stored.uid());
        }
        if (result instanceof DeliveryResult.OverQuota) {
            return quotaFullTemporary
                    ? new Reply(452, "4.2.2", "<" + address + ">: mailbox over quota, try again later")
                    : new Reply(552, "5.2.2", "<" + address + ">: mailbox over quota");
        }
        if (result instanceof DeliveryResult.UnknownMailbox) {
            return unknown(address);
        }
        return new Reply(451, "4.3.0", "<" + address + ">: temporary store failure");
    }

    private static Reply unknown(String address) {
        return new Reply(550, "5.1.1", "<" + address + ">: no such user");
    }
}
