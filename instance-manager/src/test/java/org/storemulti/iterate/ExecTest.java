package org.storemulti.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.storemulti.registry.Instance;

class ExecTest {

    private static final Instance PRIMARY = new Instance(Path.of("/etc/store"), "", "", true, true,
            Path.of("/var/spool/store"), Path.of("/var/lib/store"), Path.of("/opt/store/bin"),
            Path.of("/opt/store/libexec"), "store", List.of(), List.of());
    private static final Instance A = new Instance(Path.of("/etc/store-a"), "store-a", "mta", false, false,
            Path.of("/var/spool/store-a"), Path.of("/var/lib/store-a"), Path.of("/opt/store/bin"),
            Path.of("/opt/store/libexec"), "store-a", List.of(), List.of());

    @Test
    void theEnvironmentCarriesPostmultisVariablesUnderBothNames() {
        Map<String, String> env = ExecEnvironment.of(Map.of("PATH", "/usr/bin", "HOME", "/root"), PRIMARY, A, 1);
        assertEquals("/etc/store-a", env.get("STORE_CONFIG"));
        assertEquals("/etc/store-a", env.get("MAIL_CONFIG"));
        assertEquals("/etc/store-a", env.get("config_directory"));
        assertEquals("/var/spool/store-a", env.get("queue_directory"));
        assertEquals("/var/lib/store-a", env.get("data_directory"));
        assertEquals("/opt/store/bin", env.get("command_directory"));
        assertEquals("/opt/store/libexec", env.get("daemon_directory"));
        assertEquals("store-a", env.get("multi_instance_name"));
        assertEquals("mta", env.get("multi_instance_group"));
        assertEquals("no", env.get("multi_instance_enable"));
        assertEquals("1", env.get("STORE_VERBOSE"));
        assertEquals("1", env.get("MAIL_VERBOSE"));
        assertEquals("/opt/store/bin:/usr/bin", env.get("PATH"));
        assertEquals("/root", env.get("HOME"), "the rest is inherited");
    }

    @Test
    void withoutPathTheDefaultSearchPathFollowsTheCommandDirectory() {
        Map<String, String> env = ExecEnvironment.of(Map.of(), PRIMARY, PRIMARY, 0);
        assertEquals("/opt/store/bin:" + ExecEnvironment.DEFAULT_PATH, env.get("PATH"));
        assertEquals("", env.get("multi_instance_name"));
        assertTrue(!env.containsKey("STORE_VERBOSE"));
    }

    @Test
    void argumentsPassUnquotedAndTheExitStatusComesBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessRunner.Result r = new CommonsExecRunner().run(List.of("/bin/sh", "-c", "echo \"$0\"; exit 3", "a b 'c'"),
                Map.of("PATH", "/usr/bin:/bin"), null, null, out, new ByteArrayOutputStream());
        assertEquals(3, r.exitValue());
        assertEquals("a b 'c'\n", out.toString());
    }

    @Test
    void aTimeoutKillsTheCommandAndItsChildrenPromptly() throws Exception {
        long start = System.nanoTime();
        ProcessRunner.Result r = new CommonsExecRunner().run(List.of("/bin/sh", "-c", "sleep 30 & sleep 30"),
                Map.of("PATH", "/usr/bin:/bin"), Duration.ofMillis(500), null, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.timedOut());
        assertTrue(millis < 5_000, "took " + millis + " ms: a grandchild kept the pipe open");
    }

    @Test
    void anUnknownCommandFailsWithExecvpsMessage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ExecExecutor(new CommonsExecRunner(), Map.of("PATH", "/nonexistent"), PRIMARY, 0, null, null)
                .run(new Step(A, List.of("no-such-command-here")), new ByteArrayOutputStream(), err);
        assertEquals(ExecExecutor.NOT_FOUND, status);
        assertEquals("storemulti: execvp no-such-command-here: No such file or directory\n", err.toString());
    }
}
