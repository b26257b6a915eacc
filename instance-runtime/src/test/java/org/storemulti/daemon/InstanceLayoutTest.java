package org.storemulti.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.storemulti.config.ParameterRegistry;

/** The layout is the one spelling of the runtime's file names; the registry's defaults must agree. */
class InstanceLayoutTest {

    @Test
    void lmtpListensByDefaultOnTheLayoutsLmtpSocket() {
        assertEquals("unix:$queue_directory/" + InstanceLayout.LMTP_SOCKET,
                ParameterRegistry.find("lmtp_listen").orElseThrow().defaultValue());
    }

    @Test
    void theDaemonLogLivesBesideThePidFileByDefault() {
        assertEquals("$queue_directory/" + InstanceLayout.PID_FILE.replace("master.pid", "daemon.log"),
                ParameterRegistry.find("daemon_log_file").orElseThrow().defaultValue());
    }
}
