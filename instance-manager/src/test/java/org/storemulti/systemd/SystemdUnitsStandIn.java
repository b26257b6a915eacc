package org.storemulti.systemd;

import java.nio.file.Path;

/**
 * Stands in for {@code storemulti -c DIR --systemd-units OUT} (wired in the manager's CLI,
 * not here) so the generator script can be run end to end: prints each warning as
 * {@code storemulti: warning: ...} on stderr, a failure as one fatal line with exit 1.
 */
final class SystemdUnitsStandIn {

    private SystemdUnitsStandIn() {
    }

    public static void main(String[] args) {
        if (args.length != 4 || !args[0].equals("-c") || !args[2].equals("--systemd-units")) {
            System.err.println("storemulti: usage: -c DIR --systemd-units OUT");
            System.exit(2);
        }
        try {
            for (String warning : UnitWriter.write(Path.of(args[1]), Path.of(args[3]))) {
                System.err.println("storemulti: warning: " + warning);
            }
        } catch (Exception e) {
            System.err.println("storemulti: fatal: " + e.getMessage());
            System.exit(1);
        }
    }
}
