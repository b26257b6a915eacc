package org.storemulti.store.mime;

import java.util.List;

/**
 * The header fields IMAP's ENVELOPE is made of, unfolded and trimmed, otherwise raw (encoded
 * words are not decoded; bytes that are not UTF-8 read as U+FFFD). A field the header does
 * not have is {@code null} (strings) or empty (addresses). IMAP's rule that a missing Sender
 * or Reply-To reads as From is {@link #senderOrFrom} and {@link #replyToOrFrom}.
 */
public record Envelope(String date, String subject, List<Address> from, List<Address> sender,
        List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc, String inReplyTo,
        String messageId) {

    public static final Envelope EMPTY = new Envelope(null, null, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), null, null);

    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** Sender, or From when the header has no (or an empty) Sender. */
    public List<Address> senderOrFrom() {
        return sender.isEmpty() ? from : sender;
    }

    /** Reply-To, or From when the header has no (or an empty) Reply-To. */
    public List<Address> replyToOrFrom() {
        return replyTo.isEmpty() ? from : replyTo;
    }
}
