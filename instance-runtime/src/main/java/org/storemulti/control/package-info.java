/**
 * Controlling one instance from outside its daemon: the {@code storectl} command set
 * ({@link org.storemulti.control.StoreCtl}) as an in-process API, so {@code storemulti -p}
 * drives many instances from one JVM, and the client side of the control socket.
 *
 * <p>Owns the storectl command words and their exit statuses. Must not hold daemon
 * internals: it talks to a running daemon only through the control socket and the pid
 * file lock.
 */
package org.storemulti.control;
