package org.storemulti.imap.command;

/**
 * A mailbox name as the user sees it (Unicode), from its modified UTF-7 wire form. The
 * name {@code INBOX} is case-insensitive (RFC 3501 5.1) and always spelled in capitals
 * here. Refused: invalid or non-canonical modified UTF-7 and control characters (C0 and
 * C1). What the store further refuses ({@code ..}, misplaced separators) is the store's
 * naming rule, checked where the name meets the store.
 */
public record MailboxName(String name) {

    public static final MailboxName INBOX = new MailboxName("INBOX");

    public MailboxName {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new ModifiedUtf7.InvalidEncodingException(
                        String.format("control character U+%04X in a mailbox name", (int) name.charAt(i)), i);
            }
        }
        if (name.equalsIgnoreCase("INBOX")) {
            name = "INBOX";
        }
    }

    /** The name a wire form stands for; throws {@link ModifiedUtf7.InvalidEncodingException}. */
    public static MailboxName fromWire(String wire) {
        return new MailboxName(ModifiedUtf7.decode(wire));
    }

    /** The modified UTF-7 form to send to a client. */
    public String wire() {
        return ModifiedUtf7.encode(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
