package org.storemulti.lmtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.storemulti.log.MailLog;

/**
 * One LMTP conversation, read top to bottom: greeting, then commands until QUIT or end
 * of input. A DATA transaction goes parse (in pieces, within {@code message_size_limit} and
 * the server's {@link MessageMemory}) → headers → {@link MailDrop#deliver} → one reply per
 * recipient, and a client that disconnects before the final dot gets nothing stored and
 * nothing acknowledged. The store's answers are logged by the {@link MailDrop}; the
 * recipients this session answers for itself (too many, message too big, no memory for it)
 * get their delivery log lines here.
 */
final class LmtpSession {

    private final String id;
    private final LineReader in;
    private final OutputStream out;
    private final MailDrop drop;
    private final LmtpLimits limits;
    private final String hostname;
    private final Watch watch;
    private final MessageMemory memory;
    private final MailLog log;

    private boolean greeted;
    private String sender;
    private final List<String> recipients = new ArrayList<>();

    /**
     * What the server learns from a session, to run its deadlines: each line the client
     * sends and each reply the session writes must be done within a deadline counted from
     * when it began; the whole message text has one too; store work (recipient checks,
     * delivery) has none. Also whether a mail transaction is open.
     */
    interface Watch {
        /** Waits for the next command line; its deadline starts now. */
        void awaitingCommand();

        /** A command line arrived; the deadline for handling it and writing the reply starts now. */
        void working();

        /** The message text begins: the deadline of the whole text and of its first line start now. */
        void dataStarted();

        /** A line of message text ended; the next line's deadline starts now. */
        void lineEnded();

        /** The final dot arrived (or the client went away). */
        void dataEnded();

        /** Store work begins ({@code true}; no deadline runs) or ends (the reply's deadline starts). */
        void storing(boolean busy);

        void transaction(boolean open);
    }

    LmtpSession(String id, LineReader in, OutputStream out, MailDrop drop, LmtpLimits limits, String hostname,
            Watch watch, MessageMemory memory, MailLog log) {
        this.id = id;
        this.log = log;
        this.in = in;
        this.out = out;
        this.drop = drop;
        this.limits = limits;
        this.hostname = hostname;
        this.watch = watch;
        this.memory = memory;
    }

    /** Runs the conversation until QUIT or until the client goes away. */
    void run() throws IOException {
        send("220 " + hostname + " LMTP storemulti ready");
        while (true) {
            byte[] raw;
            watch.awaitingCommand();
            try {
                raw = in.readLine(limits.commandLineLimit());
            } catch (LineReader.TooLong e) {
                watch.working();
                reply(new Reply(500, "5.5.2", "Error: line too long"));
                continue;
            }
            if (raw == null) {
                return;
            }
            watch.working();
            String line = new String(raw, StandardCharsets.UTF_8);
            if (!command(line)) {
                return;
            }
        }
    }

    /** Handles one command line; false when the session is over. */
    private boolean command(String line) throws IOException {
        String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toUpperCase(Locale.ROOT);
        String argument = line.length() > verb.length() ? line.substring(verb.length() + 1).strip() : "";
        switch (verb) {
            case "LHLO" -> lhlo(argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data();
            case "RSET" -> {
                reset();
                reply(new Reply(250, "2.0.0", "Ok"));
            }
            case "NOOP" -> reply(new Reply(250, "2.0.0", "Ok"));
            case "VRFY" -> reply(new Reply(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery"));
            case "QUIT" -> {
                send("221 2.0.0 Bye");
                return false;
            }
            case "HELO", "EHLO" -> reply(new Reply(500, "5.5.1", "Error: this is LMTP: use LHLO"));
            default -> reply(new Reply(500, "5.5.2", "Error: command not recognized"));
        }
        return true;
    }

    private void lhlo(String argument) throws IOException {
        if (argument.isEmpty()) {
            reply(new Reply(501, "5.5.4", "Syntax: LHLO hostname"));
            return;
        }
        reset();
        greeted = true;
        String size = limits.messageSizeLimit() > 0 ? "SIZE " + limits.messageSizeLimit() : "SIZE";
        send("250-" + hostname, "250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 " + size);
    }

    private void mail(String argument) throws IOException {
        if (!greeted) {
            reply(new Reply(503, "5.5.1", "Error: send LHLO first"));
        } else if (sender != null) {
            reply(new Reply(503, "5.5.1", "Error: nested MAIL command"));
        } else if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            reply(new Reply(501, "5.5.4", "Syntax: MAIL FROM:<address>"));
        } else {
            Path path = Path.parse(argument.substring(5));
            if (path == null) {
                reply(new Reply(501, "5.1.7", "Bad sender address syntax"));
                return;
            }
            Reply refused = mailParameters(path.parameters());
            if (refused != null) {
                reply(refused);
                return;
            }
            sender = path.address();
            watch.transaction(true);
            reply(new Reply(250, "2.1.0", "Ok"));
        }
    }

    private Reply mailParameters(List<String> parameters) {
        for (String p : parameters) {
            String upper = p.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=")) {
                String digits = p.substring(5);
                if (!SIZE_VALUE.matcher(digits).matches()) {
                    return new Reply(501, "5.5.4", "Bad SIZE parameter");
                }
                // RFC 1870: digits only; a number too large for a long exceeds any limit
                boolean tooBig = digits.length() > 18 || Long.parseLong(digits) > limits.messageSizeLimit();
                if (limits.messageSizeLimit() > 0 && tooBig) {
                    return new Reply(552, "5.3.4", "Message size exceeds fixed limit");
                }
            } else if (!upper.equals("BODY=7BIT") && !upper.equals("BODY=8BITMIME")) {
                return new Reply(555, "5.5.4", "Unsupported parameter " + p);
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern SIZE_VALUE = java.util.regex.Pattern.compile("[0-9]{1,20}");

    private void rcpt(String argument) throws IOException {
        if (sender == null) {
            reply(new Reply(503, "5.5.1", "Error: need MAIL command"));
        } else if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            reply(new Reply(501, "5.5.4", "Syntax: RCPT TO:<address>"));
        } else if (recipients.size() >= limits.recipientLimit()) {
            Reply tooMany = new Reply(452, "4.5.3", "Error: too many recipients");
            Path path = Path.parse(argument.substring(3));
            logEach(List.of(path == null ? argument.substring(3).strip() : path.address()), -1, tooMany,
                    "more than " + limits.recipientLimit() + " recipients in one transaction");
            reply(tooMany);
        } else {
            Path path = Path.parse(argument.substring(3));
            if (path == null || path.address().isEmpty()) {
                reply(new Reply(501, "5.1.3", "Bad recipient address syntax"));
                return;
            }
            watch.storing(true);
            Reply check;
            try {
                check = drop.checkRecipient(id, path.address());
            } finally {
                watch.storing(false);
            }
            if (check.positive()) {
                recipients.add(path.address());
                reply(new Reply(250, "2.1.5", "Ok"));
            } else {
                reply(check);
            }
        }
    }

    private void data() throws IOException {
        if (sender == null) {
            reply(new Reply(503, "5.5.1", "Error: need MAIL command"));
            return;
        }
        if (recipients.isEmpty()) {
            reply(new Reply(554, "5.5.1", "Error: no valid recipients"));
            return;
        }
        send("354 End data with <CR><LF>.<CR><LF>");
        Envelope envelope = Envelope.lmtp(id, sender, recipients);
        Body body = new Body(memory);
        try {
            watch.dataStarted();
            Outcome outcome = readBody(body);
            watch.dataEnded();
            if (outcome == null) {
                return; // client went away before the final dot: nothing stored, nothing said
            }
            for (Reply r : deliver(envelope, outcome, body)) {
                reply(r);
            }
            out.flush(); // the replies are out before the transaction ends: a stopping server closes it then
        } finally {
            body.release();
        }
        reset();
    }

    /** How reading a message body ended. */
    private enum Outcome {
        COMPLETE, TOO_BIG, NO_MEMORY
    }

    private List<Reply> deliver(Envelope envelope, Outcome outcome, Body body) {
        long size = outcome == Outcome.COMPLETE ? body.size() : -1; // an abandoned body was let go
        byte[] message = outcome == Outcome.COMPLETE ? body.toArray(envelope.traceHeaders()) : null;
        if (outcome == Outcome.TOO_BIG) {
            return logEach(envelope.recipients(), -1, new Reply(552, "5.3.4", "Message size exceeds fixed limit"),
                    "over message_size_limit " + limits.messageSizeLimit());
        }
        if (message == null) {
            return logEach(envelope.recipients(), size, new Reply(452, "4.3.1", "Insufficient system storage"),
                    "the message bodies in flight would exceed the " + memory.total()
                            + " bytes of heap LMTP may use (daemon_heap_limit)");
        }
        List<Reply> replies;
        watch.storing(true);
        try {
            replies = drop.deliver(envelope, message);
        } finally {
            watch.storing(false);
        }
        if (replies.size() != envelope.recipients().size()) {
            // a broken MailDrop: the session ends without a reply, so the client retries
            throw new IllegalStateException("mail drop answered " + replies.size() + " replies for "
                    + envelope.recipients().size() + " recipients");
        }
        return replies;
    }

    /**
     * One delivery log line per recipient for a reply this session gives itself, with its
     * cause; returns the reply once per recipient. {@code size} is negative when unknown.
     */
    private List<Reply> logEach(List<String> to, long size, Reply reply, String cause) {
        MailLog.Status status = reply.temporary() ? MailLog.Status.DEFERRED : MailLog.Status.REFUSED;
        for (String recipient : to) {
            log.delivery(new MailLog.Delivery(id, recipient, "", size, reply.enhanced(), status,
                    reply.line() + "; cause: " + cause));
        }
        return to.stream().map(r -> reply).toList();
    }

    /**
     * Reads the message up to the lone dot into {@code body}, in pieces, so neither a long
     * message nor a long line is held twice: dot-unstuffed, line endings made CRLF (a bare
     * LF is accepted). Null on end of input. Over {@code message_size_limit}, or over the
     * memory the server grants, it reads on to the dot, keeping nothing more.
     */
    private Outcome readBody(Body body) throws IOException {
        long limit = limits.messageSizeLimit();
        Outcome outcome = Outcome.COMPLETE;
        boolean lineStart = true;
        while (true) {
            byte[] piece = in.readPiece(PIECE);
            if (piece == null) {
                return null;
            }
            int from = 0;
            int to = piece.length;
            boolean endsLine = piece[to - 1] == '\n';
            if (endsLine) {
                watch.lineEnded();
            }
            if (lineStart && piece[0] == '.') {
                if (endsLine && (to == 2 || to == 3 && piece[1] == '\r')) {
                    return outcome;
                }
                from = 1;
            }
            lineStart = endsLine;
            if (outcome != Outcome.COMPLETE) {
                continue;
            }
            boolean kept;
            if (endsLine) {
                int content = to - 1;
                boolean strippedCr = content > from && piece[content - 1] == '\r';
                if (strippedCr) {
                    content--;
                }
                kept = body.append(piece, from, content - from);
                if (content == from && !strippedCr && body.endsWithCr()) {
                    kept &= body.append(LF, 0, 1); // the CR ended the previous piece
                } else {
                    kept &= body.append(CRLF, 0, 2);
                }
            } else {
                kept = body.append(piece, from, to - from);
            }
            if (!kept) {
                outcome = Outcome.NO_MEMORY;
                body.release();
            } else if (limit > 0 && body.size() > limit) {
                outcome = Outcome.TOO_BIG;
                body.release();
            }
        }
    }

    private static final int PIECE = 8192;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LF = {'\n'};

    /**
     * A message body as it arrives, in blocks reserved from the server's {@link MessageMemory}
     * (no copying as it grows); {@link #toArray} reserves the final array before it builds it.
     */
    private static final class Body {
        private static final int BLOCK = 64 * 1024;

        private final MessageMemory memory;
        private final List<byte[]> blocks = new ArrayList<>();
        private long size;
        private long reserved;

        Body(MessageMemory memory) {
            this.memory = memory;
        }

        long size() {
            return size;
        }

        boolean endsWithCr() {
            if (size == 0) {
                return false;
            }
            int used = (int) (size - (long) (blocks.size() - 1) * BLOCK);
            return blocks.get(blocks.size() - 1)[used - 1] == '\r';
        }

        /** Appends; false (keeping what it had) when the memory for it is not granted. */
        boolean append(byte[] bytes, int from, int length) {
            int done = 0;
            while (done < length) {
                int offset = (int) (size % BLOCK);
                if (offset == 0 && size == (long) blocks.size() * BLOCK) {
                    if (!memory.tryReserve(BLOCK)) {
                        return false;
                    }
                    reserved += BLOCK;
                    blocks.add(new byte[BLOCK]);
                }
                int n = Math.min(length - done, BLOCK - offset);
                System.arraycopy(bytes, from + done, blocks.get(blocks.size() - 1), offset, n);
                done += n;
                size += n;
            }
            return true;
        }

        /** {@code head} then the body in one array, the blocks then let go; null when the memory is not granted. */
        byte[] toArray(byte[] head) {
            long length = head.length + size;
            if (length > Integer.MAX_VALUE - 8 || !memory.tryReserve(length)) {
                return null;
            }
            reserved += length;
            byte[] all = new byte[(int) length];
            System.arraycopy(head, 0, all, 0, head.length);
            long copied = 0;
            for (byte[] block : blocks) {
                int n = (int) Math.min(BLOCK, size - copied);
                System.arraycopy(block, 0, all, (int) (head.length + copied), n);
                copied += n;
            }
            memory.release((long) blocks.size() * BLOCK);
            reserved -= (long) blocks.size() * BLOCK;
            blocks.clear();
            return all;
        }

        /** Gives back everything reserved; the body is empty afterwards. */
        void release() {
            memory.release(reserved);
            reserved = 0;
            blocks.clear();
            size = 0;
        }
    }

    private void reset() {
        sender = null;
        recipients.clear();
        watch.transaction(false);
    }

    private void reply(Reply reply) throws IOException {
        send(reply.line());
    }

    /** Writes reply lines; flushes only when no pipelined command is waiting. */
    private void send(String... lines) throws IOException {
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!in.hasBufferedInput()) {
            out.flush();
        }
    }

    /** A {@code <address> PARAM...} path argument of MAIL or RCPT. */
    private record Path(String address, List<String> parameters) {

        static Path parse(String text) {
            String t = text.strip();
            if (!t.startsWith("<")) {
                return null;
            }
            int close = t.indexOf('>');
            if (close < 0) {
                return null;
            }
            String address = t.substring(1, close);
            String rest = t.substring(close + 1).strip();
            List<String> parameters = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
            return address.chars().anyMatch(c -> c < 32 || c == ' ') ? null : new Path(address, parameters);
        }
    }
}
