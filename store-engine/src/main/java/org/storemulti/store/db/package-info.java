/**
 * The metadata database: the SQLite file {@code store.db} opened through JDBC (WAL,
 * {@code synchronous=FULL}, busy timeout, foreign keys), one writer connection used with
 * explicit {@code BEGIN IMMEDIATE ... COMMIT}, separate reader connections and the numbered
 * schema migrations (the one source of truth for the schema).
 *
 * <p>Owns connections, transactions and DDL. Knows nothing of domains, mailboxes or
 * messages beyond the tables the migrations create; must not touch message files.
 *
 * <p>Not exported: only the engine's own packages use it, each running its SQL through
 * {@code Database} and {@code Session}, which are public for them alone (a package per
 * concept, each owning its tables, rather than one package holding every table's code).
 * No other module may name it ({@code ExportRulesTest}); what they need of a data directory
 * is in {@code org.storemulti.store.data}.
 */
package org.storemulti.store.db;
