package org.storemulti.imap.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.storemulti.imap.command.Command;

/**
 * LOGIN and AUTHENTICATE (SASL PLAIN, RFC 4616, and LOGIN), with RFC 4959's initial
 * response. Password logins need TLS, a local client, or the settings' permission
 * (LOGINDISABLED is advertised otherwise). A refusal never says which part was wrong.
 * The password is checked by {@link Logins}, after the throttle's wait, off the
 * connection's thread; the session reads nothing more until the answer is out.
 */
final class LoginCommands {

    private LoginCommands() {
    }

    static void login(Command.Login command, Context context) throws IOException {
        if (!context.plaintextAllowed()) {
            context.no("PRIVACYREQUIRED", "LOGIN is disabled without TLS; use STARTTLS first");
            return;
        }
        check(context, command.user(), command.password(), "LOGIN");
    }

    static void authenticate(Command.Authenticate command, Context context) throws IOException {
        if (!Capabilities.MECHANISMS.contains(command.mechanism())) {
            context.no(null, "unsupported authentication mechanism " + command.mechanism() + " (offered: "
                    + String.join(" ", Capabilities.MECHANISMS) + ")");
            return;
        }
        if (!context.plaintextAllowed()) {
            context.no("PRIVACYREQUIRED", "password authentication is disabled without TLS; use STARTTLS first");
            return;
        }
        Sasl sasl = new Sasl(context, command.mechanism().equals("PLAIN"));
        context.beginExchange(sasl);
        if (command.initialResponse().isPresent()) {
            String initial = command.initialResponse().get();
            sasl.response(initial.equals("=") ? "" : initial);
        } else {
            sasl.challenge();
        }
    }

    /** Checks the credentials and logs in, or says no: answered once the check is done. */
    static void check(Context context, String authenticationId, String password, String method) {
        context.await();
        context.sessions().logins().check(context.remoteInternetAddress(), authenticationId, password,
                outcome -> context.resumeWith(() -> answer(context, authenticationId, method, outcome)));
    }

    private static void answer(Context context, String authenticationId, String method, Logins.Outcome outcome)
            throws IOException {
        if (outcome instanceof Logins.Outcome.Unavailable unavailable) {
            context.log("imap: login of " + authenticationId + " not checked: " + unavailable.why());
            context.no("UNAVAILABLE", "logins cannot be checked now; try again later");
        } else if (outcome instanceof Logins.Outcome.Accepted accepted) {
            if (!context.sessions().admitUser(accepted.user())) {
                context.log("imap: login of " + accepted.user() + " refused: it has "
                        + context.sessions().maxSessionsPerUser() + " sessions already");
                context.no("LIMIT", "too many sessions of this user (the limit is "
                        + context.sessions().maxSessionsPerUser() + "); log out of another one first");
                return;
            }
            context.loggedIn(accepted.user(), method);
            context.ok("CAPABILITY " + String.join(" ", context.capabilities()), "Logged in");
        } else {
            context.log("imap: login failed: user=<" + authenticationId + ">, client=" + client(context)
                    + ", method=" + method);
            context.no("AUTHENTICATIONFAILED", "Authentication failed");
        }
    }

    private static String client(Context context) {
        java.net.SocketAddress remote = context.wire().remoteAddress();
        return remote instanceof java.net.InetSocketAddress inet ? inet.getAddress().getHostAddress() : "unix";
    }

    /** The SASL exchange: PLAIN takes one response, LOGIN two (user name, then password). */
    private static final class Sasl implements Exchange {
        private static final String USERNAME = base64("Username:");
        private static final String PASSWORD = base64("Password:");

        private final Context context;
        private final boolean plain;
        private String user;

        Sasl(Context context, boolean plain) {
            this.context = context;
            this.plain = plain;
        }

        void challenge() throws IOException {
            context.out().continuation(plain ? "" : user == null ? USERNAME : PASSWORD);
        }

        @Override
        public void line(byte[] line) throws IOException {
            String text = new String(line, StandardCharsets.US_ASCII);
            if (text.equals("*")) {
                context.endExchange();
                context.bad("AUTHENTICATE cancelled");
                return;
            }
            response(text);
        }

        void response(String base64) throws IOException {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                context.endExchange();
                context.bad("the response is not BASE64: " + e.getMessage());
                return;
            }
            if (plain) {
                context.endExchange();
                plain(decoded);
            } else if (user == null) {
                user = new String(decoded, StandardCharsets.UTF_8);
                challenge();
            } else {
                context.endExchange();
                check(context, user, new String(decoded, StandardCharsets.UTF_8), "LOGIN");
            }
        }

        /** RFC 4616: [authzid] NUL authcid NUL passwd. */
        private void plain(byte[] message) throws IOException {
            String[] parts = new String(message, StandardCharsets.UTF_8).split("\0", -1);
            if (parts.length != 3 || parts[1].isEmpty()) {
                context.bad("a PLAIN response is [authorization id] NUL user NUL password (RFC 4616)");
                return;
            }
            if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
                context.no("AUTHORIZATIONFAILED", "logging in as another user is not supported");
                return;
            }
            check(context, parts[1], parts[2], "PLAIN");
        }

        @Override
        public void overflow() throws IOException {
            context.endExchange();
            context.bad("the AUTHENTICATE response is too long");
        }

        private static String base64(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
