package org.storemulti.move;

import java.util.Arrays;

/**
 * How far a user move has come, in order: each is recorded once it is done, so a run killed
 * anywhere repeats at most the step it was in (every step may run twice: mirrors merge, the
 * map is rewritten whole, a kick of nobody does nothing).
 */
enum MoveStep {
    /** Checked and recorded; nothing done yet. */
    PLANNED("planned", "checked"),
    /** The first mirror: everything copied to the target, the auth account with it. */
    FIRST_MIRROR("first-mirror", "initial mirror"),
    /** The second mirror: what arrived during the first one. */
    SECOND_MIRROR("second-mirror", "second mirror"),
    /** The route switched: the source defers the user's mail, the transport map sends it to the target. */
    ROUTED("routed", "delivery routing switched"),
    /** Logins on the source refused (its auth account disabled) and the user's sessions there ended. */
    KICKED("kicked", "source sessions kicked"),
    /** The final mirror: the move is done; the source keeps a disabled copy until {@code --purge}. */
    DONE("done", "final mirror"),
    /** The source's copy deleted. */
    PURGED("purged", "source purged");

    private final String word;
    private final String done;

    MoveStep(String word, String done) {
        this.word = word;
        this.done = done;
    }

    /** How the move record spells it. */
    String word() {
        return word;
    }

    /** What having done it is called in the progress lines. */
    String description() {
        return done;
    }

    /** Whether mail for the user goes to the target at this step. */
    boolean routedToTarget() {
        return compareTo(ROUTED) >= 0;
    }

    static MoveStep of(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown step '" + word + "'"));
    }
}
