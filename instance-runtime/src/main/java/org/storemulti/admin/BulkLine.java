package org.storemulti.admin;

/**
 * One line of a bulkadd data file, fields as written (empty when left out):
 * {@code <domain>:<user>:<passwd>:<quota>:<inbox>:}, or {@code <domain>:::<quota>:} for a
 * domain and its quota. A password may itself contain colons: the fields after it are
 * counted from the end of the line.
 */
record BulkLine(int number, String domain, String user, String password, String quota, String inbox) {

    static BulkLine parse(int number, String text) {
        String[] parts = text.split(":", -1);
        int count = parts.length;
        if (count > 1 && parts[count - 1].isEmpty()) {
            count--;
        }
        if (count < 4) {
            throw new AdminException("expected <domain>:<user>:<passwd>:<quota>:<inbox>: or <domain>:::<quota>:");
        }
        if (count == 4) {
            return new BulkLine(number, parts[0].strip(), parts[1].strip(), parts[2], parts[3].strip(), "");
        }
        String password = String.join(":", java.util.Arrays.copyOfRange(parts, 2, count - 2));
        return new BulkLine(number, parts[0].strip(), parts[1].strip(), password, parts[count - 2].strip(),
                parts[count - 1].strip());
    }

    /** A {@code <domain>:::<quota>:} line: creates the domain and sets its quota. */
    boolean isDomainLine() {
        return user.isEmpty() && password.isEmpty() && inbox.isEmpty();
    }
}
