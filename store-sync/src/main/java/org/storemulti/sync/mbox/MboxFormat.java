package org.storemulti.sync.mbox;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How to read an mbox: which {@code From } quoting to undo, whether a {@code Content-Length}
 * field may say where a message ends, and the zone of the separators' local times.
 *
 * <p>Which writer made the file decides: our writer writes mboxrd ({@link #defaults()});
 * Postfix local(8), procmail, mutt and Python write mboxo ({@link #mboxo()}: a spool in
 * {@code /var/mail}); Dovecot and Solaris write mboxcl2, unquoted bodies found by their
 * {@code Content-Length} ({@link #mboxcl2()}).
 *
 * <p>{@code Content-Length} is otherwise ignored, deliberately: quoting writers protect every
 * {@code From } line in bodies, so separators alone find the messages, and a sender-written
 * {@code Content-Length} could swallow the next message. When honoured it is used only if it
 * points exactly at the next separator (after at most one empty line) or the end of the file.
 *
 * @param quoting the quoting the writer applied
 * @param honourContentLength use verified {@code Content-Length} fields to find message ends
 * @param zone the zone of the {@code From } lines' dates (they carry none; Postfix writes local time)
 */
public record MboxFormat(Quoting quoting, boolean honourContentLength, ZoneId zone) {

    /** How {@code From } at the start of a body line was protected. */
    public enum Quoting {
        /** {@code >*From } gained one {@code >}: undone exactly (our writer, Dovecot's export). */
        MBOXRD,
        /** Only {@code From } became {@code >From } (Postfix, procmail, mutt, Python): ambiguous, undone for one {@code >}. */
        MBOXO,
        /** Nothing was quoted (mboxcl2: Dovecot, Solaris); nothing is undone. */
        NONE
    }

    public MboxFormat {
        Objects.requireNonNull(quoting, "quoting");
        Objects.requireNonNull(zone, "zone");
    }

    /** mboxrd, as our writer writes: {@code Content-Length} ignored, the system's zone. */
    public static MboxFormat defaults() {
        return new MboxFormat(Quoting.MBOXRD, false, ZoneId.systemDefault());
    }

    /** mboxo, as Debian's delivery agents and mail readers write: a mail spool. */
    public static MboxFormat mboxo() {
        return new MboxFormat(Quoting.MBOXO, false, ZoneId.systemDefault());
    }

    /** mboxcl2, as Dovecot writes: nothing quoted, ends found by {@code Content-Length}. */
    public static MboxFormat mboxcl2() {
        return new MboxFormat(Quoting.NONE, true, ZoneId.systemDefault());
    }

    public MboxFormat withZone(ZoneId newZone) {
        return new MboxFormat(quoting, honourContentLength, newZone);
    }

    public MboxFormat withQuoting(Quoting newQuoting) {
        return new MboxFormat(newQuoting, honourContentLength, zone);
    }

    public MboxFormat honouringContentLength() {
        return new MboxFormat(quoting, true, zone);
    }
}
