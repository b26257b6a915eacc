package org.storemulti.delivery;

import java.util.List;
import java.util.function.Consumer;

import org.storemulti.config.InstanceConfig;
import org.storemulti.lmtp.Envelope;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;
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
 * still receive, as in M-Store. Every temporary failure is logged with its cause.
 */
public final class StoreMailDrop implements MailDrop {

    private final DeliveryPipeline pipeline;
    private final String defaultDomain;
    private final boolean quotaFullTemporary;
    private final Consumer<String> log;

    /**
     * The delivery path an instance's main.cf describes ({@code default_domain},
     * {@code recipient_delimiter}, {@code quota_full_temporary}); temporary failures go to {@code log}.
     */
    public static StoreMailDrop forInstance(Store store, InstanceConfig config, Consumer<String> log) {
        return new StoreMailDrop(store, config.get("default_domain"), new LocalPartRule(config.get("recipient_delimiter")),
                config.bool("quota_full_temporary"), log);
    }

    public StoreMailDrop(Store store, String defaultDomain, LocalPartRule rule, boolean quotaFullTemporary,
            Consumer<String> log) {
        this.pipeline = store.pipeline(rule);
        this.defaultDomain = defaultDomain;
        this.quotaFullTemporary = quotaFullTemporary;
        this.log = log;
    }

    @Override
    public Reply checkRecipient(String address) {
        return pipeline.check(Address.parse(address, defaultDomain)).map(refusal -> reply(address, refusal))
                .orElse(Reply.OK);
    }

    @Override
    public List<Reply> deliver(Envelope envelope, byte[] message) {
        List<String> addresses = envelope.recipients();
        List<DeliveryResult> results = pipeline.deliver(
                addresses.stream().map(a -> Address.parse(a, defaultDomain)).toList(), message);
        return java.util.stream.IntStream.range(0, addresses.size())
                .mapToObj(i -> reply(addresses.get(i), results.get(i))).toList();
    }

    /** The reply stage: one LMTP reply for one recipient's result. */
    private Reply reply(String address, DeliveryResult result) {
        String who = "<" + address + ">";
        if (result instanceof DeliveryResult.Stored stored) {
            return Reply.ok("2.0.0", who + " delivered, uid " + stored.uid());
        }
        if (result instanceof DeliveryResult.OverQuota) {
            return quotaFullTemporary ? new Reply(452, "4.2.2", who + ": mailbox over quota, try again later")
                    : new Reply(552, "5.2.2", who + ": mailbox over quota");
        }
        if (result instanceof DeliveryResult.NoSuchRecipient || result instanceof DeliveryResult.UnknownMailbox) {
            return new Reply(550, "5.1.1", who + ": no such user");
        }
        if (result instanceof DeliveryResult.AmbiguousRecipient ambiguous) {
            log.accept(who + ": deferred: users " + String.join(", ", ambiguous.users())
                    + " differ only in case; rename all but one (storeadm user rename)");
            return new Reply(451, "4.3.5", who + ": several users differ from it only in case; try again later");
        }
        String cause = ((DeliveryResult.TemporaryFailure) result).reason();
        log.accept(who + ": deferred: " + cause);
        return new Reply(451, "4.3.0", who + ": temporary store failure");
    }
}
