/**
 * Controlling one instance from outside its daemon: the {@code storectl} command set
 * ({@link org.storemulti.control.StoreCtl}) as an in-process API, so {@code storemulti -p}
 * drives many instances from one JVM, and the client side of the control socket
 * ({@link org.storemulti.control.ControlClient}).
 *
 * <p>Owns the storectl command words and their exit statuses, {@code check} and
 * {@code set-permissions}, and launching a detached daemon JVM
 * ({@link org.storemulti.control.ProcessLauncher}, {@code DaemonCommand}). Must not hold
 * daemon internals: it talks to a running daemon only through the control socket and the
 * pid-file lock, and runs {@link org.storemulti.daemon.Daemon} in-process only for
 * {@code start-fg}. Dependencies point from here to {@code org.storemulti.daemon}, never back.
 */
package org.storemulti.control;
