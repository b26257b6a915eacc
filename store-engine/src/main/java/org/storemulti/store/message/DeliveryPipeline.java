package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.mailbox.Recipients;
import org.storemulti.store.mailbox.Recipients.Resolution;
import org.storemulti.store.name.Address;
import org.storemulti.store.name.LocalPartRule;

/**
 * The stages every way into the store goes through, in this order, read top to bottom in
 * {@link #deliver}:
 *
 * <ol>
 * <li><b>recipient</b>: each address to a mailbox by the one local-part rule
 * ({@link Recipients}); an unknown or ambiguous address is refused here;</li>
 * <li><b>quota</b> and <b>store</b>: one durable file per distinct content, then one group
 * commit ({@link DeliveryBatcher}) that checks each mailbox's quotas and indexes it, once
 * per mailbox however often the message names it;</li>
 * <li><b>result</b>: one {@link Outcome} per address, in order: the {@link DeliveryResult},
 * which the caller turns into its protocol's reply (LMTP and the queue manager a reply code,
 * IMAP APPEND a tagged response), and the mailbox it went to, for the delivery log.</li>
 * </ol>
 *
 * A caller that already knows its mailbox enters at the second stage: with whole messages
 * through {@link #deliverTo} (sync), with one streamed from a client through {@link #append}
 * (IMAP APPEND: a literal of any size, never held whole). Never throws for a storage failure: that is a
 * {@link DeliveryResult.TemporaryFailure} carrying its cause's text.
 */
public final class DeliveryPipeline {

    private final Recipients recipients;
    private final DeliveryBatcher batcher;
    private final LocalPartRule rule;

    public DeliveryPipeline(Recipients recipients, DeliveryBatcher batcher, LocalPartRule rule) {
        this.recipients = recipients;
        this.batcher = batcher;
        this.rule = rule;
    }

    /**
     * The recipient stage alone, for a protocol that checks each address as it is named
     * (LMTP RCPT): why {@code address} would be refused, or empty when it names a mailbox.
     */
    public Optional<DeliveryResult> check(Address address) {
        return Optional.ofNullable(target(address).refusal());
    }

    /**
     * What became of one address: its {@code result}, and the full name of the mailbox the
     * recipient stage chose ({@code user/joe/INBOX}), empty when it refused the address.
     */
    public record Outcome(String mailbox, DeliveryResult result) {
    }

    /** Every stage for one message (headers already added) to {@code addresses}; one outcome each, in order. */
    public List<Outcome> deliver(List<Address> addresses, byte[] message) {
        List<Target> targets = addresses.stream().map(this::target).toList();
        Map<String, Delivery> once = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.refusal() == null) {
                once.putIfAbsent(t.key(), Delivery.of(t.found().domain(), t.found().mailbox(), message));
            }
        }
        List<Delivery> deliveries = new ArrayList<>(once.values());
        List<DeliveryResult> stored = deliverTo(deliveries);
        Map<String, DeliveryResult> byMailbox = new LinkedHashMap<>();
        for (int i = 0; i < deliveries.size(); i++) {
            byMailbox.put(key(deliveries.get(i).domain(), deliveries.get(i).mailbox()), stored.get(i));
        }
        return targets.stream().map(t -> t.refusal() != null ? new Outcome("", t.refusal())
                : new Outcome(t.found().mailbox(), byMailbox.get(t.key()))).toList();
    }

    /** The quota and store stages for mailboxes already chosen; one result per delivery, in order. */
    public List<DeliveryResult> deliverTo(List<Delivery> deliveries) {
        return batcher.deliver(deliveries);
    }

    /**
     * The quota and store stages for one message read from {@code content} to its end into
     * {@code target}, which the caller opened (and checked its rights on): written to its
     * file as it is read, then committed with the deliveries of the same moment.
     * {@code internalDate} {@code null} means now. Reading {@code content} failing is a
     * {@link DeliveryResult.TemporaryFailure} too: nothing was stored.
     */
    public DeliveryResult append(MailboxHandle target, InputStream content, Flags flags, Instant internalDate) {
        try {
            return target.stage(content, flags, internalDate, null, 0);
        } catch (NotFoundException e) {
            return new DeliveryResult.UnknownMailbox(target.domain(), target.openedName());
        } catch (IOException | StorageException e) {
            return new DeliveryResult.TemporaryFailure(e.getMessage());
        }
    }

    /** Where one address goes: a mailbox, or the result that refuses it. */
    private record Target(Resolution.Found found, DeliveryResult refusal) {
        String key() {
            return DeliveryPipeline.key(found.domain(), found.mailbox());
        }
    }

    private Target target(Address address) {
        Resolution resolution;
        try {
            resolution = recipients.resolve(address.domain(), address.localPart(), rule);
        } catch (StorageException e) {
            return new Target(null, new DeliveryResult.TemporaryFailure("recipient lookup failed: " + e.getMessage()));
        }
        if (resolution instanceof Resolution.Found found) {
            return new Target(found, null);
        }
        if (resolution instanceof Resolution.Ambiguous ambiguous) {
            return new Target(null, new DeliveryResult.AmbiguousRecipient(ambiguous.users()));
        }
        return new Target(null, new DeliveryResult.NoSuchRecipient(((Resolution.Unknown) resolution).why()));
    }

    private static String key(String domain, String mailbox) {
        return domain + " " + mailbox;
    }
}
