package org.storemulti.queue;

/**
 * The two numbers {@code qmail-qstat} prints: messages in the queue (every live state)
 * and those not yet preprocessed ({@code maildrop} + {@code incoming}).
 */
record QueueStat(long inQueue, long notPreprocessed) {

    /** The two lines as {@code qmail-qstat} prints them. */
    public String text() {
        return "messages in queue: " + inQueue + "\n"
                + "messages in queue but not yet preprocessed: " + notPreprocessed + "\n";
    }
}
