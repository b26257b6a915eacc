package org.storemulti.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DaemonLogTest {

    @Test
    void eachLineReadsSyslogNameSlashServicePidLevelText() {
        List<String> lines = new ArrayList<>();
        DaemonLog log = new DaemonLog(() -> "store-a", "daemon", 12, (level, line) -> lines.add(line), false);
        log.info("ready");
        log.forService("lmtp").warning("two\nlines");
        log.debug("hidden without -v");
        assertEquals(List.of("store-a/daemon[12]: info: ready", "store-a/lmtp[12]: warning: two lines"), lines);
    }
}
