package org.storemulti.lmtp;

import java.time.Duration;

import org.storemulti.config.InstanceConfig;

/**
 * The bounds a session enforces: largest message (0 = none); the deadline for each command
 * line and each line of message text, counted from the end of the one before (so a client
 * that trickles bytes runs out of time as one that sends nothing); the deadline for the
 * whole message text; concurrent sessions in all and from one client address (0 = no
 * limit; clients of a UNIX socket are not counted); recipients per transaction; command
 * line length.
 */
public record LmtpLimits(long messageSizeLimit, Duration recordTimeout, Duration dataTimeout, int sessionLimit,
        int clientSessionLimit, int recipientLimit, int commandLineLimit) {

    /** The limits an instance's main.cf sets. */
    public static LmtpLimits from(InstanceConfig config) {
        return new LmtpLimits(config.number("message_size_limit"), config.time("lmtp_timeout"),
                config.time("lmtp_data_timeout"), config.intNumber("lmtp_session_limit"),
                config.intNumber("lmtp_client_session_limit"), 1000, 2048);
    }

    /** How often the server looks for sessions out of time: a quarter of the shortest deadline, at most a second. */
    Duration watchPeriod() {
        long shortest = Math.min(recordTimeout.toMillis(), dataTimeout.toMillis());
        return Duration.ofMillis(Math.max(1, Math.min(1000, shortest / 4)));
    }
}
