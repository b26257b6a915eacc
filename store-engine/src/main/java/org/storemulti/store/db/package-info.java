/**
 * The metadata database: the SQLite file {@code store.db} opened through JDBC (WAL,
 * {@code synchronous=FULL}, busy timeout, foreign keys), one writer connection used with
 * explicit {@code BEGIN IMMEDIATE ... COMMIT}, separate reader connections, the numbered
 * schema migrations (the one source of truth for the schema) and the data-directory lock.
 *
 * <p>Owns connections, transactions and DDL. Knows nothing of domains, mailboxes or
 * messages beyond the tables the migrations create; must not touch message files.
 */
package org.storemulti.store.db;
