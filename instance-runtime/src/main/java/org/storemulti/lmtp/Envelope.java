package org.storemulti.lmtp;

import java.util.List;

/**
 * What the client said about one message: the reverse path ({@code ""} for the null
 * sender {@code <>}) and the accepted recipients, in RCPT order.
 */
public record Envelope(String sender, List<String> recipients) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }
}
