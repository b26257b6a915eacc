package org.storemulti.imap.session;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.storemulti.imap.ImapBackend;

/**
 * Password checks, off the connections' threads: a SHA512-crypt hash costs about 10 ms of
 * CPU, so checks run on a few threads of their own ({@code imap-login-N}, one per core),
 * after the wait the {@link LoginThrottle} asks for, and a flood of guesses queues there
 * instead of taking the workers that serve logged-in users. The attempt's outcome goes to
 * a callback on a login thread; the session hops back to its own order with
 * {@code Wire.execute}.
 */
final class Logins {

    /** Most attempts waiting at once (each holds one paused connection); beyond, NO [UNAVAILABLE]. */
    static final int MAX_WAITING = 10_000;

    /** What a check came to. */
    sealed interface Outcome {
        /** The password was right: log in as {@code user}. */
        record Accepted(String user) implements Outcome {
        }

        /** Wrong name or password, or an account that may not log in (never said which). */
        record Refused() implements Outcome {
        }

        /** The store could not answer, or too many attempts wait: try again later. */
        record Unavailable(String why) implements Outcome {
        }
    }

    private final ImapBackend backend;
    private final LoginThrottle throttle;
    private final Consumer<String> log;
    private final ScheduledThreadPoolExecutor threads;
    private final AtomicInteger waiting = new AtomicInteger();

    Logins(ImapBackend backend, LoginThrottle throttle, Consumer<String> log) {
        this.backend = backend;
        this.throttle = throttle;
        this.log = log;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ScheduledThreadPoolExecutor(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "imap-login-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.setKeepAliveTime(30, TimeUnit.SECONDS);
        threads.allowCoreThreadTimeOut(true);
        threads.setRemoveOnCancelPolicy(true);
    }

    LoginThrottle throttle() {
        return throttle;
    }

    /**
     * Checks {@code password} for {@code login} from {@code address} (null for a local
     * client) once the throttle allows, then tells {@code done}, on a login thread.
     */
    void check(InetAddress address, String login, String password, Consumer<Outcome> done) {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            done.accept(new Outcome.Unavailable("too many logins wait to be checked"));
            return;
        }
        long wait = throttle.admit(address, login);
        try {
            threads.schedule(() -> {
                waiting.decrementAndGet();
                done.accept(checked(address, login, password));
            }, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            done.accept(new Outcome.Unavailable("the server is stopping"));
        }
    }

    /**
     * The outcome, whatever happens: a bug in the backend must not leave the connection
     * waiting for an answer forever (a scheduled task's exception would vanish unseen).
     */
    private Outcome checked(InetAddress address, String login, String password) {
        try {
            return outcome(address, login, password);
        } catch (RuntimeException e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            log.accept("imap: internal error checking the login of " + login + ": " + trace);
            return new Outcome.Unavailable("internal error: " + e);
        }
    }

    private Outcome outcome(InetAddress address, String login, String password) {
        Optional<String> user;
        try {
            user = backend.authenticate(login, password);
        } catch (ImapBackend.Unavailable e) {
            return new Outcome.Unavailable(e.getMessage());
        }
        if (user.isEmpty()) {
            throttle.failed(address, login);
            return new Outcome.Refused();
        }
        throttle.succeeded(address, login);
        return new Outcome.Accepted(user.get());
    }

    /** Stops the login threads; attempts still waiting are dropped (their connections are closing). */
    void close() {
        threads.shutdownNow();
    }
}
