package org.storemulti.sync.mbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Other processes that take the mail locks: Python, liblockfile's dotlockfile, flock(1). */
final class Processes {

    private Processes() {
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to its end; its exit status. */
    static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return process.exitValue();
    }

    /** Runs a command to its end; its standard output. */
    static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /**
     * A process that holds a lock until told to let go: started, it prints one line once it
     * holds the lock ({@link #awaitLine()}), and lets go when its standard input closes.
     */
    static final class Holder implements AutoCloseable {

        final Process process;
        private final BufferedReader out;
        private final OutputStream in;

        Holder(List<String> command) throws IOException {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = process.getOutputStream();
        }

        /** Python holding an fcntl lock (lockf, as Postfix's fcntl lock) and nothing else. */
        static Holder pythonLockf(Path file) throws IOException {
            return new Holder(List.of("python3", "-c", "import fcntl,sys\nf=open(sys.argv[1],'r+')\n"
                    + "fcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nsys.stdin.read()", file.toString()));
        }

        /** liblockfile's dotlockfile holding {@code FILE.lock} with its pid in it while a command waits. */
        static Holder dotlockfile(Path lockFile) throws IOException {
            return new Holder(List.of("dotlockfile", "-p", "-r", "0", lockFile.toString(), "sh", "-c",
                    "echo locked; cat >/dev/null"));
        }

        String awaitLine() throws IOException {
            return out.readLine();
        }

        void say(String line) throws IOException {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Closes its standard input and waits for it to end; its exit status. */
        int finish() throws IOException, InterruptedException {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("lock holder did not end");
            }
            return process.exitValue();
        }

        /** kill -9, the holder first (so it cannot clean up when its command ends), then its command. */
        void kill() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            assertEquals(true, process.waitFor(30, TimeUnit.SECONDS));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
