package org.storemulti.store.tools;

/**
 * One thing {@code verify} found wrong, printable as one line:
 * {@code missing-file ab/18c...: referenced by example.com user/joe/INBOX uid 3 (repaired)}.
 */
public record Problem(Kind kind, String where, String detail, boolean repaired) {

    /** The kinds of problems verify knows. */
    public enum Kind {
        INTEGRITY("integrity"),
        FOREIGN_KEY("foreign-key"),
        MISSING_FILE("missing-file"),
        ORPHAN_FILE("orphan-file"),
        SIZE_MISMATCH("size-mismatch"),
        USAGE_MISMATCH("usage-mismatch"),
        TEMPORARY_FILE("temporary-file");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return kind.label() + " " + where + ": " + detail + (repaired ? " (repaired)" : "");
    }
}
