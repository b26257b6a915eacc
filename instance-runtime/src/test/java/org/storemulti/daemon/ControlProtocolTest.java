package org.storemulti.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ControlProtocolTest {

    @Test
    void aSocketPathLongerThan107BytesIsRefusedNamingThePath() {
        Path tooLong = Path.of("/tmp/" + "x".repeat(100) + "/private/control");
        DaemonException e = assertThrows(DaemonException.class, () -> ControlProtocol.address(tooLong));
        assertTrue(e.getMessage().startsWith(tooLong + ": socket path is 121 bytes"), e.getMessage());
    }

    @Test
    void repliesSurviveTheirWireForm() {
        ControlProtocol.Reply ok = ControlProtocol.Reply.ok(List.of("a", "b"));
        assertEquals(ok, ControlProtocol.Reply.parse(ok.lines()));
        ControlProtocol.Reply error = ControlProtocol.Reply.parse(List.of("error: main.cf:3: bad"));
        assertFalse(error.ok());
        assertEquals("main.cf:3: bad", error.message());
    }
}
