package org.storemulti.sync.location;

import java.nio.file.FileSystem;
import java.nio.file.Path;

/**
 * A location's path for one user, as Dovecot's {@code mail_location} spells it: {@code %u} the
 * user's local part (as Dovecot does for a user logged in without a domain), {@code %n} the
 * same, {@code %d} the domain, {@code %%} a percent sign. A path without {@code %} is every
 * user's.
 */
public record UserPath(FileSystem fileSystem, String template) {

    /** Whether the path differs per user. */
    public boolean perUser() {
        return template.contains("%u") || template.contains("%n") || template.contains("%d");
    }

    /** The path for {@code user} ({@code name@domain}, or a bare name with no domain). */
    public Path of(String user) {
        int at = user.lastIndexOf('@');
        String name = at < 0 ? user : user.substring(0, at);
        String domain = at < 0 ? "" : user.substring(at + 1);
        if (perUser() && (user.contains("/") || name.startsWith(".") || domain.startsWith("."))) {
            throw new IllegalArgumentException(template + ": user " + user + " cannot name a path"
                    + " (a / or a leading dot); give the location without %u, %n, %d");
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char key = template.charAt(++i);
            switch (key) {
                case 'u', 'n' -> out.append(name);
                case 'd' -> out.append(domain);
                case '%' -> out.append('%');
                default -> throw new IllegalArgumentException(template + ": %" + key
                        + " is not known here; use %u (user), %n (local part), %d (domain) or %%");
            }
        }
        return fileSystem.getPath(out.toString());
    }

    /** Checks the template once, so a bad one is told before any user is opened. */
    public static UserPath parse(FileSystem fileSystem, String template) {
        UserPath path = new UserPath(fileSystem, template);
        path.of("user@domain");
        return path;
    }
}
