package org.storemulti.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;

class ReloadReportTest {

    private static InstanceConfig config(String text) {
        return InstanceConfig.of(Path.of("/etc/store-a"), MainCf.parse("/etc/store-a/main.cf", text));
    }

    @Test
    void changedValuesAreSplitIntoAppliedAndNeedingARestart() {
        InstanceConfig before = config("queue_directory = /q\nlmtp_timeout = 300s\n");
        InstanceConfig after = config("queue_directory = /q2\nlmtp_timeout = 60s\n");
        ReloadReport report = ReloadReport.compare(before, after);
        assertEquals(List.of("lmtp_timeout"), report.applied());
        // lmtp_listen's default refers to $queue_directory, so it changes with it
        assertEquals(List.of("daemon_log_file", "lmtp_listen", "queue_directory"), report.needRestart());
    }

    @Test
    void anUnchangedConfigurationSaysSo() {
        InstanceConfig same = config("lmtp_timeout = 300s\n");
        assertEquals("reloaded: no parameter changed", ReloadReport.compare(same, same).summary());
    }
}
