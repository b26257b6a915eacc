package org.storemulti.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The lines of mail traffic, as an operator greps them. */
class MailLogTest {

    private final LogLines lines = new LogLines();
    private final MailLog log = new MailLog(lines.log("lmtp"));

    @Test
    void aDeliveryLineNamesIdRecipientMailboxSizeDsnAndStatusWithItsReason() {
        log.delivery(new MailLog.Delivery("3F2A9C01B7D4", "joe@example.com", "user/joe/INBOX", 1532, "2.0.0",
                MailLog.Status.DELIVERED, "250 2.0.0 <joe@example.com> delivered, uid 7"));
        log.delivery(new MailLog.Delivery("019AB3C4", "ann@example.com", "", 880, "4.3.0", MailLog.Status.DEFERRED,
                "451 4.3.0 <ann@example.com>: temporary store failure; cause: disk full"));
        log.delivery(new MailLog.Delivery("3F2A9C01B7D4", "x@example.com", "", -1, "5.1.1", MailLog.Status.REFUSED,
                "550 5.1.1 <x@example.com>: no such user"));
        log.delivery(new MailLog.Delivery("019AB3C4", "x@example.com", "", 880, "5.1.1", MailLog.Status.HELD,
                "550 5.1.1 <x@example.com>: no such user"));

        assertEquals(List.of(
                "test/lmtp[1]: info: 3F2A9C01B7D4: to=<joe@example.com>, mailbox=user/joe/INBOX, size=1532, dsn=2.0.0, "
                        + "status=delivered (250 2.0.0 <joe@example.com> delivered, uid 7)",
                "test/lmtp[1]: warning: 019AB3C4: to=<ann@example.com>, size=880, dsn=4.3.0, status=deferred "
                        + "(451 4.3.0 <ann@example.com>: temporary store failure; cause: disk full)",
                "test/lmtp[1]: info: 3F2A9C01B7D4: to=<x@example.com>, dsn=5.1.1, status=refused "
                        + "(550 5.1.1 <x@example.com>: no such user)",
                "test/lmtp[1]: info: 019AB3C4: to=<x@example.com>, size=880, dsn=5.1.1, status=held "
                        + "(550 5.1.1 <x@example.com>: no such user)"), lines.lines());
    }

    @Test
    void anImapSessionIsOneLineInAndOneLineOut() {
        log.login("S1", "joe@example.com", "192.0.2.7", "PLAIN");
        log.logout("S1", "joe@example.com", "LOGOUT");

        assertEquals(List.of("test/lmtp[1]: info: S1: login: user=<joe@example.com>, client=192.0.2.7, method=PLAIN",
                "test/lmtp[1]: info: S1: logout: user=<joe@example.com>, reason=LOGOUT"), lines.lines());
    }
}
