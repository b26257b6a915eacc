package org.storemulti.lmtp;

import java.time.Duration;

import org.storemulti.config.InstanceConfig;

/**
 * The bounds a session enforces: largest message (0 = none), idle time between commands,
 * concurrent sessions, recipients per transaction, command line length.
 */
public record LmtpLimits(long messageSizeLimit, Duration idleTimeout, int sessionLimit,
        int recipientLimit, int commandLineLimit) {

    /** The limits an instance's main.cf sets. */
    public static LmtpLimits from(InstanceConfig config) {
        return new LmtpLimits(config.number("message_size_limit"), config.time("lmtp_timeout"),
                config.intNumber("lmtp_session_limit"), 1000, 2048);
    }
}
