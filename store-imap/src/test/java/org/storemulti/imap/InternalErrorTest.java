package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.TestServer;
import org.storemulti.store.Store;
import org.storemulti.store.message.DeliveryPipeline;

/**
 * A command that fails with what nobody expected (an Error, a bug's RuntimeException) over a
 * real socket: the client hears why and is disconnected instead of waiting forever, the
 * cause is logged once with its stack, and the server serves the next client.
 */
@Timeout(60)
class InternalErrorTest {

    @TempDir
    Path directory;

    /** The failure the next call to {@link ImapBackend#store()} throws, once. */
    private final AtomicReference<Supplier<Throwable>> armed = new AtomicReference<>();

    private ImapBackend failing(ImapBackend real) {
        return new ImapBackend() {
            @Override
            public Optional<String> authenticate(String authenticationId, String password) {
                return real.authenticate(authenticationId, password);
            }

            @Override
            public Store store() {
                Supplier<Throwable> failure = armed.getAndSet(null);
                if (failure != null) {
                    Throwable t = failure.get();
                    if (t instanceof Error e) {
                        throw e;
                    }
                    throw (RuntimeException) t;
                }
                return real.store();
            }

            @Override
            public DeliveryPipeline pipeline() {
                return real.pipeline();
            }
        };
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("an Error", (Supplier<Throwable>) () -> new Error("injected error")),
                Arguments.of("a StackOverflowError", (Supplier<Throwable>) () -> new StackOverflowError("injected overflow")),
                Arguments.of("an AssertionError", (Supplier<Throwable>) () -> new AssertionError("injected assertion")),
                Arguments.of("a bug's RuntimeException", (Supplier<Throwable>) () -> new IllegalStateException("injected bug")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aCommandThatFailsUnexpectedlyEndsItsSessionWithByeAndTheServerGoesOn(String what, Supplier<Throwable> failure)
            throws IOException {
        try (TestServer server = TestServer.withBackend(directory, this::failing)) {
            try (ImapClient c = server.connect()) {
                c.greetedAndLoggedIn();
                String message = failure.get().getMessage();
                armed.set(failure);
                c.send("s1 SELECT INBOX\r\n");
                List<String> lines = c.untilClosed();
                assertEquals(List.of("* BYE [SERVERBUG] internal error; closing the connection",
                        "s1 BAD [SERVERBUG] the command failed inside the server"), lines);
                assertTrue(TestServer.within(java.time.Duration.ofSeconds(10),
                        () -> server.log().stream().filter(l -> l.contains(message)).count() == 1),
                        "the cause logged once: " + server.log());
                String logged = server.log().stream().filter(l -> l.contains(message)).findFirst().orElseThrow();
                assertTrue(logged.contains("internal error") && logged.contains("\tat "), "with its stack: " + logged);
            }
            try (ImapClient next = server.connect()) {
                next.greetedAndLoggedIn();
                assertTrue(next.tagged("s2", "SELECT INBOX").startsWith("s2 OK [READ-WRITE]"));
                assertTrue(next.tagged("s3", "LOGOUT").startsWith("s3 OK"));
            }
        }
    }
}
