/**
 * A data directory as the processes around a store see it, without opening it: where its
 * files live ({@link org.storemulti.store.data.DataLayout}), who uses it
 * ({@link org.storemulti.store.data.DataDirectoryLock}: shared by every open store, exclusive
 * for restore and upgrade) and where the SQLite driver loads its native library from
 * ({@link org.storemulti.store.data.SqliteLibrary}, which the launchers set up for a JVM).
 *
 * <p>Apart from {@code db} so that {@code db} can stay the engine's own (connections,
 * transactions, migrations, for the concept packages only): the runtime's {@code check} and
 * {@code set-permissions}, the manager's life cycle and the launchers need these facts and
 * nothing of {@code db}. Owns the file names and the lock; opens no database and reads no table.
 */
package org.storemulti.store.data;
