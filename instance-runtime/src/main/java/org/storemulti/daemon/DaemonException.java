package org.storemulti.daemon;

/** A daemon life-cycle failure, its message naming what and where (a path, a service). */
public class DaemonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DaemonException(String message) {
        super(message);
    }

    public DaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
