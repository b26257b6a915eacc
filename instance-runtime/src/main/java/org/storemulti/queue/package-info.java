/**
 * The instance's durable mail queue: the directories under {@code queue_directory}
 * ({@code maildrop incoming active deferred hold corrupt}, each with 16 hashed
 * subdirectories, plus {@code move/} for migrations in progress), the queue file format,
 * local injection ({@link org.storemulti.queue.QueueWriter}), the daemon's
 * {@link org.storemulti.queue.Pickup} and {@link org.storemulti.queue.QueueManager}
 * services, administration ({@link org.storemulti.queue.QueueAdmin},
 * {@link org.storemulti.queue.QueueVerifier}), migration between instances
 * ({@link org.storemulti.queue.QueueMover}) and the {@code queue} command.
 *
 * <p>Owns every file below {@code queue_directory}'s queue subdirectories and their
 * format. Must not touch {@code pid/}, {@code private/} (the daemon's and LMTP's) or the
 * store's data; it delivers, and checks recipients before {@code deliver} and
 * {@code move}, only through {@link org.storemulti.lmtp.MailDrop}, the same seam the LMTP
 * service uses. It never deletes mail it could not deliver: refused recipients are held. All file code runs on {@link java.nio.file.Path} so it
 * works on jimfs; all time comes from a {@link java.time.Clock}; the daemon's services log
 * through the {@code DaemonLog} they are given (never {@code System.Logger}), and the mover
 * reports warnings and progress to its caller.
 *
 * <p>Four types are public, one per use from outside; the rest is this package's own. The
 * daemon's one handle is {@link org.storemulti.queue.QueueServices}: {@code create} (pickup
 * waking the queue manager), {@code start()} / {@code stop()}, and {@code flush()} for
 * {@code storectl flush} ({@link org.storemulti.queue.QueueManager#flush()}; from any other
 * process {@code queue flush} runs {@link org.storemulti.queue.QueueAdmin#flush()}).
 * {@code storeadm} mounts {@link org.storemulti.queue.QueueCommand} ({@code queue},
 * {@code deliver}); the instance life-cycle asks
 * {@link org.storemulti.queue.QueueDirectories#messageCount} before destroying a queue, and
 * {@code storectl check} and the daemon's layout name the {@link org.storemulti.queue.QueueState}
 * directories.
 *
 * <p>Every state change is one atomic rename between directories or one atomic file
 * replacement (temp file, fsync, rename, directory sync), so a crash leaves each
 * message in exactly one place. Delivery is at-least-once: a crash between the store
 * accepting a message and the queue file's removal delivers it again after restart.
 */
package org.storemulti.queue;
