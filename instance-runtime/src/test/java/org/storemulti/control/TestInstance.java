package org.storemulti.control;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A throw-away instance under a short temp directory, driven through {@link StoreCtl#run}. */
record TestInstance(Path root) {

    /** What one storectl command did. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    static TestInstance create(Path root, String... extraMainCfLines) throws IOException {
        TestInstance instance = new TestInstance(root);
        Files.createDirectories(instance.configDirectory());
        StringBuilder mainCf = new StringBuilder("queue_directory = " + root.resolve("q") + "\n"
                + "data_directory = " + root.resolve("d") + "\n"
                + "multi_instance_name = store-test\n");
        for (String line : extraMainCfLines) {
            mainCf.append(line).append('\n');
        }
        Files.writeString(instance.mainCf(), mainCf);
        return instance;
    }

    /** {@link #create}, then {@code storectl set-permissions}, which must succeed: an instance ready to start. */
    static TestInstance prepared(Path root, String... extraMainCfLines) throws IOException {
        TestInstance instance = create(root, extraMainCfLines);
        Result setup = instance.storectl("set-permissions");
        if (setup.status() != 0) {
            throw new AssertionError("set-permissions failed: " + setup);
        }
        return instance;
    }

    Path configDirectory() {
        return root.resolve("etc");
    }

    Path mainCf() {
        return configDirectory().resolve("main.cf");
    }

    Path pidFile() {
        return root.resolve("q/pid/master.pid");
    }

    Result storectl(String... commandAndArgs) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = StoreCtl.run(configDirectory(), List.of(commandAndArgs), o, e);
        }
        return new Result(status, out.toString(), err.toString());
    }

    long daemonPid() throws IOException {
        return Long.parseLong(Files.readString(pidFile()).strip());
    }

    /** Polls {@code storectl status} (10 s at most) until its table shows {@code service} running. */
    void awaitServiceRunning(String service) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Result status = null;
        while (System.nanoTime() < deadline) {
            status = storectl("status");
            if (status.status() == 0 && status.out().lines().anyMatch(l -> l.matches(service + " +running .*"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(service + " is not running within 10 s: " + status);
    }

    /** Stops a daemon a failed test left behind, so no JVM outlives the test run. */
    void cleanUp() {
        if (storectl("status").status() == 0) {
            storectl("abort");
        }
    }
}
