package org.storemulti.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storemulti.imap.LoginPolicy;

/** The throttle's arithmetic on a clock the test moves: waits, spacing, forgetting, bounded memory. */
class LoginThrottleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final LoginThrottle throttle = new LoginThrottle(
            LoginPolicy.defaults().withFailureDelay(Duration.ofSeconds(2), Duration.ofSeconds(15)), now::get);

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aNameAndAddressWithoutFailuresNeverWait() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, throttle.admit(address("192.0.2.7"), "joe@example.com"));
        }
        assertEquals(0, throttle.size());
    }

    @ParameterizedTest
    @CsvSource({"1, 2", "2, 4", "3, 8", "4, 15", "30, 15", "70, 15"})
    void theWaitDoublesWithEachFailureUpToTheMaximum(int failures, long seconds) {
        InetAddress client = address("192.0.2.7");
        for (int i = 0; i < failures; i++) {
            throttle.failed(client, "joe");
        }
        assertEquals(seconds * SECOND, throttle.admit(client, "joe"));
        assertEquals(seconds * SECOND, throttle.admit(null, "joe") - seconds * SECOND, "the next one waits in line");
    }

    @Test
    void parallelAttemptsOnAThrottledNameWaitInLine() {
        throttle.failed(null, "joe");
        long first = throttle.admit(address("192.0.2.1"), "joe");
        long second = throttle.admit(address("192.0.2.2"), "joe");
        long third = throttle.admit(address("192.0.2.3"), "JOE");
        assertEquals(2 * SECOND, first);
        assertEquals(4 * SECOND, second);
        assertEquals(6 * SECOND, third);
    }

    @Test
    void anAddressIsThrottledForEveryNameItTries() {
        InetAddress guesser = address("198.51.100.9");
        throttle.failed(guesser, "ann");
        throttle.failed(guesser, "bob");
        assertEquals(4 * SECOND, throttle.admit(guesser, "carol"));
        assertEquals(0, throttle.admit(address("198.51.100.10"), "carol"));
    }

    @Test
    void localClientsAreThrottledByNameOnly() {
        throttle.failed(null, "ann");
        assertEquals(0, throttle.admit(null, "bob"));
        assertEquals(2 * SECOND, throttle.admit(null, "ann"));
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        throttle.failed(address("2001:db8:1:2::1"), "ann");
        assertEquals(2 * SECOND, throttle.admit(address("2001:db8:1:2:ffff::9"), "bob"));
        assertEquals(0, throttle.admit(address("2001:db8:1:3::1"), "bob"));
    }

    @Test
    void aSuccessStartsTheNameAndTheAddressOver() {
        InetAddress client = address("192.0.2.7");
        throttle.failed(client, "joe");
        throttle.failed(client, "joe");
        throttle.succeeded(client, "Joe");
        assertEquals(0, throttle.admit(client, "joe"));
        assertEquals(0, throttle.size());
    }

    @Test
    void failuresAreForgottenAfterTenQuietMinutes() {
        throttle.failed(address("192.0.2.7"), "joe");
        now.addAndGet(LoginThrottle.FORGET_NANOS + 1);
        assertEquals(0, throttle.admit(address("192.0.2.7"), "joe"));
        assertEquals(0, throttle.size());
    }

    @Test
    void noDelayConfiguredMeansNoThrottling() {
        throttle.reconfigure(LoginPolicy.unlimited());
        throttle.failed(address("192.0.2.7"), "joe");
        assertEquals(0, throttle.admit(address("192.0.2.7"), "joe"));
    }

    /** A flood of guesses with ever new names and addresses: the table never holds more than its bound. */
    @Test
    void aFloodOfNewNamesAndAddressesHoldsBoundedMemory() {
        throttle.reconfigure(LoginPolicy.defaults().withThrottleEntries(1000));
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            InetAddress client = address("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
            String name = "guess" + random.nextLong();
            throttle.admit(client, name);
            throttle.failed(client, name);
            assertTrue(throttle.size() <= 1000, "size " + throttle.size());
        }
        // the most recent failures are still remembered
        InetAddress last = address("192.0.2.99");
        throttle.failed(last, "victim");
        assertEquals(2 * SECOND, throttle.admit(null, "victim"));
    }
}
