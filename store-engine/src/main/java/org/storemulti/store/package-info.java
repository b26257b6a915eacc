/**
 * The embedded mail store. {@link org.storemulti.store.Store} opens a data directory
 * ({@code store.db}, {@code messages/}, {@code backup/}, {@code run/}) and hands out one
 * service per concept; each sub-package owns its tables and says what it must not touch:
 *
 * <ul>
 * <li>{@code db} – connections, transactions, schema migrations (the engine's own: not exported)
 * <li>{@code data} – the data directory's file names and lock, SQLite's native library
 * <li>{@code name} – validated names and glob patterns
 * <li>{@code domain}, {@code account}, {@code auth}, {@code mailbox} – the M-Store model
 * <li>{@code message} – message files, delivery and group commit, the read API (mailbox
 * handles, modseqs, expunge log)
 * <li>{@code mime} – the MIME structure cached per message file
 * <li>{@code change} – the change feed
 * <li>{@code tools} – backup, restore, checkpoint, recover, verify, archive list, reconstruct
 * <li>{@code error} – the exceptions, each one printable line
 * </ul>
 *
 * <p>This package only wires the others together; it owns no table and no file.
 */
package org.storemulti.store;
