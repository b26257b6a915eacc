/**
 * The per-instance daemon: one JVM per instance that holds {@code data_directory/master.lock}
 * under an OS lock for its whole life (what "running" means, see
 * {@link org.storemulti.daemon.InstanceLayout#runningDaemon}), writes
 * {@code queue_directory/pid/master.pid}, starts the services declared in
 * {@link org.storemulti.daemon.ServiceTable} under a {@link org.storemulti.daemon.Supervisor}
 * (a failing service is restarted with back-off while the others keep running), and serves
 * the control socket {@code queue_directory/private/control}.
 *
 * <p>Owns the daemon's life cycle, the pid-file lock, the control protocol (server side and
 * the wire format the client in {@code org.storemulti.control} reuses) and the instance's
 * directory layout; it logs through {@code org.storemulti.log}, which owns the line format
 * and where lines go (a reload reopens the log file). Must not parse command lines or
 * print for a user: {@code storectl} does that. Services (LMTP, queue manager,
 * checkpointer) live in their own packages and plug in with one {@code ServiceTable} row.
 *
 * <p>Public is what {@code storectl} and the manager use: the {@code Daemon} and its
 * {@code ServiceTable} (run in-process by {@code start-fg} and the class-data training),
 * {@code DaemonMain}, {@code InstanceLayout} and {@code PidFile} (runtime paths and the one
 * liveness check), the control protocol and status, {@code StopMode}, {@code DaemonLog} and
 * {@code DaemonException}. The supervisor, the services and their context stay package-private.
 */
package org.storemulti.daemon;
