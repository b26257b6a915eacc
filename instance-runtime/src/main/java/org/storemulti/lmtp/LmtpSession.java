package org.storemulti.lmtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One LMTP conversation, read top to bottom: greeting, then commands until QUIT or end
 * of input. A DATA transaction goes parse → size check → headers → {@link MailDrop#deliver}
 * → one reply per recipient, and a client that disconnects before the final dot gets
 * nothing stored and nothing acknowledged.
 */
final class LmtpSession {

    private final LineReader in;
    private final OutputStream out;
    private final MailDrop drop;
    private final LmtpLimits limits;
    private final String hostname;
    private final Runnable activity;

    private boolean greeted;
    private String sender;
    private final List<String> recipients = new ArrayList<>();

    LmtpSession(LineReader in, OutputStream out, MailDrop drop, LmtpLimits limits, String hostname, Runnable activity) {
        this.in = in;
        this.out = out;
        this.drop = drop;
        this.limits = limits;
        this.hostname = hostname;
        this.activity = activity;
    }

    /** Runs the conversation until QUIT or until the client goes away. */
    void run() throws IOException {
        send("220 " + hostname + " LMTP storemulti ready");
        while (true) {
            byte[] raw;
            try {
                raw = in.readLine(limits.commandLineLimit());
            } catch (LineReader.TooLong e) {
                reply(new Reply(500, "5.5.2", "Error: line too long"));
                continue;
            }
            if (raw == null) {
                return;
            }
            activity.run();
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
            reply(new Reply(250, "2.1.0", "Ok"));
        }
    }

    private Reply mailParameters(List<String> parameters) {
        for (String p : parameters) {
            String upper = p.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=")) {
                long size;
                try {
                    size = Long.parseLong(p.substring(5));
                } catch (NumberFormatException e) {
                    return new Reply(501, "5.5.4", "Bad SIZE parameter");
                }
                if (limits.messageSizeLimit() > 0 && size > limits.messageSizeLimit()) {
                    return new Reply(552, "5.3.4", "Message size exceeds fixed limit");
                }
            } else if (!upper.equals("BODY=7BIT") && !upper.equals("BODY=8BITMIME")) {
                return new Reply(555, "5.5.4", "Unsupported parameter " + p);
            }
        }
        return null;
    }

    private void rcpt(String argument) throws IOException {
        if (sender == null) {
            reply(new Reply(503, "5.5.1", "Error: need MAIL command"));
        } else if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            reply(new Reply(501, "5.5.4", "Syntax: RCPT TO:<address>"));
        } else if (recipients.size() >= limits.recipientLimit()) {
            reply(new Reply(452, "4.5.3", "Error: too many recipients"));
        } else {
            Path path = Path.parse(argument.substring(3));
            if (path == null || path.address().isEmpty()) {
                reply(new Reply(501, "5.1.3", "Bad recipient address syntax"));
                return;
            }
            Reply check = drop.checkRecipient(path.address());
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
        byte[] body = readBody();
        if (body == null) {
            return; // client went away before the final dot: nothing stored, nothing said
        }
        Envelope envelope = new Envelope(sender, recipients);
        for (Reply r : deliver(envelope, body)) {
            reply(r);
        }
        reset();
    }

    private List<Reply> deliver(Envelope envelope, byte[] body) {
        if (body == TOO_BIG) {
            return envelope.recipients().stream().map(r -> new Reply(552, "5.3.4", "Message size exceeds fixed limit")).toList();
        }
        List<Reply> replies;
        try {
            replies = drop.deliver(envelope, envelope.withTraceHeaders(body));
        } catch (RuntimeException e) {
            replies = null;
        }
        if (replies == null || replies.size() != envelope.recipients().size()) {
            return envelope.recipients().stream().map(r -> new Reply(451, "4.3.0", "Temporary store failure")).toList();
        }
        return replies;
    }

    private static final byte[] TOO_BIG = new byte[0];

    /** Reads the message up to the lone dot; null on end of input, {@link #TOO_BIG} when over the limit. */
    private byte[] readBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        long limit = limits.messageSizeLimit();
        boolean tooBig = false;
        while (true) {
            byte[] line = in.readLine(-1);
            if (line == null) {
                return null;
            }
            activity.run();
            if (line.length == 1 && line[0] == '.') {
                return tooBig ? TOO_BIG : body.toByteArray();
            }
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
            if (!tooBig) {
                body.write(line, skip, line.length - skip);
                body.write('\r');
                body.write('\n');
                tooBig = limit > 0 && body.size() > limit;
            }
        }
    }

    private void reset() {
        sender = null;
        recipients.clear();
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
