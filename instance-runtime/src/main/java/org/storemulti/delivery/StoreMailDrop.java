package org.storemulti.delivery;

import java.util.ArrayList;
import java.util.List;

import org.storemulti.config.InstanceConfig;
import org.storemulti.lmtp.Envelope;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;
import org.storemulti.log.MailLog;
import org.storemulti.store.Store;
import org.storemulti.store.message.DeliveryPipeline;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.name.Address;
import org.storemulti.store.name.LocalPartRule;

/**
 * The LMTP service's and the queue manager's way into the store: the engine's
 * {@link DeliveryPipeline} (recipient, quota, store, in one group commit with other
 * sessions' deliveries), then the reply stage here, which turns each result into the
 * LMTP reply both of them act on. Addresses without a domain belong to
 * {@code default_domain}; {@code recipient_delimiter} splits a detail off the local part
 * ({@code joe+work@} goes to {@code user/joe/work} when that folder exists and anyone may
 * post to it, else to the INBOX); user names match without regard to case. Disabled domains
 * still receive, as in M-Store.
 *
 * <p>The one place where deliveries are logged: one {@link MailLog} line per recipient the
 * store answered for, at RCPT when it refuses there and after each delivery; a temporary
 * failure's line carries its cause, which the reply does not tell the client.
 */
public final class StoreMailDrop implements MailDrop {

    private final DeliveryPipeline pipeline;
    private final String defaultDomain;
    private final boolean quotaFullTemporary;
    private final MailLog log;
    private final LocalPartRule rule;
    private final MovedUsers moved;

    /**
     * The delivery path an instance's main.cf describes ({@code default_domain},
     * {@code recipient_delimiter}, {@code quota_full_temporary}), logging to {@code log}.
     */
    public static StoreMailDrop forInstance(Store store, InstanceConfig config, MailLog log) {
        return new StoreMailDrop(store, config.get("default_domain"), new LocalPartRule(config.get("recipient_delimiter")),
                config.bool("quota_full_temporary"), log);
    }

    public StoreMailDrop(Store store, String defaultDomain, LocalPartRule rule, boolean quotaFullTemporary, MailLog log) {
        this.pipeline = store.pipeline(rule);
        this.defaultDomain = defaultDomain;
        this.quotaFullTemporary = quotaFullTemporary;
        this.log = log;
        this.rule = rule;
        this.moved = new MovedUsers(store.dataDirectory());
    }

    @Override
    public Reply checkRecipient(String id, String address) {
        if (movedAway(address)) {
            Answer answer = moved(address);
            log.delivery(answer.line(id, address, "", -1, MailLog.Status.REFUSED));
            return answer.reply();
        }
        return pipeline.check(Address.parse(address, defaultDomain)).map(refusal -> {
            Answer answer = answer(address, refusal);
            log.delivery(answer.line(id, address, "", -1, MailLog.Status.REFUSED));
            return answer.reply();
        }).orElse(Reply.OK);
    }

    @Override
    public List<Reply> deliver(Envelope envelope, byte[] message) {
        List<String> addresses = envelope.recipients();
        List<String> staying = addresses.stream().filter(a -> !movedAway(a)).toList();
        List<DeliveryPipeline.Outcome> outcomes = pipeline.deliver(
                staying.stream().map(a -> Address.parse(a, defaultDomain)).toList(), message);
        MailLog.Status refused = envelope.source() == Envelope.Source.QUEUE ? MailLog.Status.HELD : MailLog.Status.REFUSED;
        List<Reply> replies = new ArrayList<>(addresses.size());
        int next = 0;
        for (int i = 0; i < addresses.size(); i++) {
            if (next >= staying.size() || !staying.get(next).equals(addresses.get(i))) {
                Answer answer = moved(addresses.get(i)); // moved away since RCPT: the MTA retries elsewhere
                log.delivery(answer.line(envelope.id(), addresses.get(i), "", message.length, refused));
                replies.add(answer.reply());
                continue;
            }
            DeliveryPipeline.Outcome outcome = outcomes.get(next++);
            Answer answer = answer(addresses.get(i), outcome.result());
            log.delivery(answer.line(envelope.id(), addresses.get(i), outcome.mailbox(), message.length, refused));
            replies.add(answer.reply());
        }
        return replies;
    }

    /** The reply for one recipient, and the cause behind a temporary failure, which only the log hears. */
    private record Answer(Reply reply, String cause) {

        /** The delivery log line; a permanent refusal is called {@code refused} (held, for the queue). */
        MailLog.Delivery line(String id, String address, String mailbox, long size, MailLog.Status refused) {
            MailLog.Status status = reply.positive() ? MailLog.Status.DELIVERED
                    : reply.temporary() ? MailLog.Status.DEFERRED : refused;
            return new MailLog.Delivery(id, address, mailbox, size, reply.enhanced(), status,
                    reply.line() + (cause.isEmpty() ? "" : "; cause: " + cause));
        }
    }

    private boolean movedAway(String address) {
        return moved.movedAway(Address.parse(address, defaultDomain), rule);
    }

    private static Answer moved(String address) {
        return new Answer(new Reply(450, "4.2.1", "<" + address + ">: mailbox moved to another instance, try again later"),
                "moved away by storemulti user-move");
    }

    /** The reply stage: one LMTP reply for one recipient's result. */
    private Answer answer(String address, DeliveryResult result) {
        String who = "<" + address + ">";
        if (result instanceof DeliveryResult.Stored stored) {
            return new Answer(Reply.ok("2.0.0", who + " delivered, uid " + stored.uid()), "");
        }
        if (result instanceof DeliveryResult.OverQuota over) {
            String cause = "quota of " + over.limitKb() + " KB on " + (over.root().isEmpty() ? "the domain" : over.root());
            return quotaFullTemporary ? new Answer(new Reply(452, "4.2.2", who + ": mailbox over quota, try again later"), cause)
                    : new Answer(new Reply(552, "5.2.2", who + ": mailbox over quota"), cause);
        }
        if (result instanceof DeliveryResult.NoSuchRecipient unknown) {
            return new Answer(new Reply(550, "5.1.1", who + ": no such user"), unknown.why());
        }
        if (result instanceof DeliveryResult.UnknownMailbox mailbox) {
            return new Answer(new Reply(550, "5.1.1", who + ": no such user"), "no mailbox " + mailbox.mailbox());
        }
        if (result instanceof DeliveryResult.AmbiguousRecipient ambiguous) {
            return new Answer(new Reply(451, "4.3.5", who + ": several users differ from it only in case; try again later"),
                    "users " + String.join(", ", ambiguous.users())
                            + " differ only in case; rename all but one (storeadm user rename)");
        }
        return new Answer(new Reply(451, "4.3.0", who + ": temporary store failure"),
                ((DeliveryResult.TemporaryFailure) result).reason());
    }
}
