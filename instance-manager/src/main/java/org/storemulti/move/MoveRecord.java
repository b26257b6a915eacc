package org.storemulti.move;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one user's move stands: the user ({@code name@domain}), the source and target
 * instances (their config directories: a name can be reassigned, a directory cannot) and the
 * last step done.
 */
record MoveRecord(String user, Path from, Path to, MoveStep step) {

    private static final String HEADER = "# storemulti user-move: how far this user's move has come (written by storemulti only)";

    MoveRecord withStep(MoveStep next) {
        return new MoveRecord(user, from, to, next);
    }

    /** Where mail for the user goes now. */
    Path route() {
        return step.routedToTarget() ? to : from;
    }

    /** Whether the move still has steps to run. */
    boolean inProgress() {
        return step.compareTo(MoveStep.DONE) < 0;
    }

    String format() {
        return HEADER + "\nuser = " + user + "\nfrom = " + from + "\nto = " + to + "\nstep = " + step.word() + "\n";
    }

    /** Reads {@link #format}'s text; {@code where} names the file in errors. */
    static MoveRecord parse(String text, String where, FileSystem fileSystem) {
        Map<String, String> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.lines().toList()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new MoveException(where + ":" + lineNumber + ": expected name = value, not '" + line
                        + "' (the file is storemulti's; restore it from a backup or remove it to start the move over)");
            }
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        for (String name : new String[] {"user", "from", "to", "step"}) {
            if (!values.containsKey(name)) {
                throw new MoveException(where + ": no '" + name + "' line (the file is storemulti's; remove it to start"
                        + " the move over)");
            }
        }
        try {
            return new MoveRecord(values.get("user"), fileSystem.getPath(values.get("from")),
                    fileSystem.getPath(values.get("to")), MoveStep.of(values.get("step")));
        } catch (IllegalArgumentException e) {
            throw new MoveException(where + ": " + e.getMessage() + " (remove the file to start the move over)", e);
        }
    }
}
