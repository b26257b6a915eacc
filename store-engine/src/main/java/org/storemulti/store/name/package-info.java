/**
 * Names the store accepts, as validating records: domain names, user names, authentication
 * identifiers, mailbox folder paths, and the {@code *}/{@code ?} glob patterns of the list
 * commands. A record that exists holds a valid name, so a bad name is refused before
 * anything is created.
 *
 * <p>Owns only syntax; never looks at the database or the file system.
 */
package org.storemulti.store.name;
