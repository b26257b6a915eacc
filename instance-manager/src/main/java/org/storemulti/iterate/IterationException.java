package org.storemulti.iterate;

/** An iteration that matched nothing, or in which some instances failed; the message names them. */
public class IterationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IterationException(String message) {
        super(message);
    }
}
