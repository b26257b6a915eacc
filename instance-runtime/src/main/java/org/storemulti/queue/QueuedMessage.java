package org.storemulti.queue;

/**
 * One queue file's content: the envelope and the message exactly as injected (the
 * array is shared, not copied; treat it as read-only).
 */
record QueuedMessage(QueueEnvelope envelope, byte[] message) {

    public QueueId id() {
        return envelope.id();
    }
}
