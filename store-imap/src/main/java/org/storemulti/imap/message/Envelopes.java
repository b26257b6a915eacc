package org.storemulti.imap.message;

import java.io.IOException;
import java.util.List;

import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.store.mime.Address;
import org.storemulti.store.mime.Envelope;

/**
 * FETCH ENVELOPE (RFC 3501 7.4.2): date, subject, from, sender, reply-to, to, cc, bcc,
 * in-reply-to, message-id. A missing or empty Sender or Reply-To is From; an empty address
 * list is NIL; groups are the start and end markers the engine records.
 */
public final class Envelopes {

    private Envelopes() {
    }

    public static void write(ResponseWriter out, Envelope envelope) throws IOException {
        out.open().nstring(envelope.date()).sp().nstring(envelope.subject()).sp();
        addresses(out, envelope.from());
        out.sp();
        addresses(out, envelope.senderOrFrom());
        out.sp();
        addresses(out, envelope.replyToOrFrom());
        out.sp();
        addresses(out, envelope.to());
        out.sp();
        addresses(out, envelope.cc());
        out.sp();
        addresses(out, envelope.bcc());
        out.sp().nstring(envelope.inReplyTo()).sp().nstring(envelope.messageId()).close();
    }

    private static void addresses(ResponseWriter out, List<Address> list) throws IOException {
        if (list.isEmpty()) {
            out.nil();
            return;
        }
        out.open();
        for (Address address : list) {
            out.open().nstring(address.name()).sp().nstring(address.route()).sp().nstring(address.mailbox()).sp()
                    .nstring(address.host()).close();
        }
        out.close();
    }
}
