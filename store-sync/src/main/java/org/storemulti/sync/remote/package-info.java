/**
 * The sync protocol between a sync and a remote peer: {@link org.storemulti.sync.remote.SyncServer}
 * serves a location (the peer instance's store) on a pair of streams, the standard input and
 * output of {@code storeadm sync-server}; {@link org.storemulti.sync.remote.RemoteLocation} is the
 * location SPI on the other end, over a command ({@code ssh mailuser@host storeadm sync-server -u
 * USER}) it starts itself, one connection per worker.
 *
 * <p>Versioned ({@code STORESYNC 1} handshake), binary frames after it; message bodies travel in
 * chunks, never whole, and each ends with its size and SHA-256, checked before the receiving side
 * may commit it: a cut or damaged stream fails the batch it was in, and nothing of that batch is
 * kept. Requests added later ({@code LOCK_STATE}, {@code UNLOCK_STATE}: the pair lock, held by the
 * server for the client until released or the connection ends) are sent only to a server that
 * announces their capability. Owns the wire format and the process; no merge logic, no store
 * access of its own.
 */
package org.storemulti.sync.remote;
