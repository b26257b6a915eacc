package org.storemulti.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.storemulti.lmtp.Envelope;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;

/**
 * A MailDrop that answers each recipient's deliveries from a script (then 250 once the
 * script runs out) and records what it stored.
 */
final class ScriptedMailDrop implements MailDrop {

    static final Reply TEMP = new Reply(451, "4.3.0", "try later");
    static final Reply PERM = new Reply(550, "5.1.1", "no such user");

    private final Map<String, Deque<Reply>> script = new HashMap<>();
    final List<String> delivered = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    /** Replies for {@code recipient}'s next deliveries, in order. */
    ScriptedMailDrop script(String recipient, Reply... replies) {
        script.computeIfAbsent(recipient, r -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    @Override
    public Reply checkRecipient(String id, String recipient) {
        return Reply.OK;
    }

    @Override
    public synchronized List<Reply> deliver(Envelope envelope, byte[] message) {
        List<Reply> replies = new ArrayList<>();
        for (String r : envelope.recipients()) {
            Deque<Reply> queued = script.get(r);
            Reply reply = queued == null || queued.isEmpty() ? Reply.OK : queued.removeFirst();
            if (reply.positive()) {
                delivered.add(r);
                messages.add(new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
            replies.add(reply);
        }
        return replies;
    }
}
