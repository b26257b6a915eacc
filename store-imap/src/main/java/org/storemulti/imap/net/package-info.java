/**
 * Connections: one selector thread accepts and watches every socket for input; a small
 * pool of worker threads runs a connection's {@link org.storemulti.imap.net.Protocol}
 * when input arrives, one task at a time per connection ({@link
 * org.storemulti.imap.net.SerialExecutor}). An idle connection costs a channel, a key and
 * its protocol's state: no thread, no buffer (BENCHMARKS.md: why not a thread per
 * connection, why not Netty).
 *
 * <p>Owns sockets, TLS (JDK {@code SSLEngine}: STARTTLS and implicit TLS), writes that
 * wait (bounded by the write timeout) for a client that reads slowly, idle timeouts, the
 * per-address gate and shutdown. Knows nothing of IMAP: the protocol says what to write,
 * when to start TLS and how long a connection may idle. A task that fails with anything
 * but an I/O error (a bug, an {@code Error}) is logged once with its stack, the protocol
 * says goodbye ({@code Protocol.failed}) and that connection closes; the others go on.
 */
package org.storemulti.imap.net;
