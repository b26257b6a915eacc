package org.storemulti.store.db;

import java.util.List;

/**
 * The store's schema, as the ordered list of every migration ever released. Append new
 * versions at the end; never edit a released one.
 */
public final class Migrations {

    private Migrations() {
    }

    /** All migrations, oldest first. */
    public static List<Migration> all() {
        return List.of(v1(), v2(), ReadSide.migration(), v4(), v5(), v6());
    }

    private static Migration v1() {
        return new Migration(1, "domains, users, auth, mailboxes, acls, quotas, messages", List.of(
                "CREATE TABLE domain (id INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE,"
                        + " enabled SMALLINT NOT NULL, anonymous SMALLINT NOT NULL, quota_kb BIGINT)",
                "CREATE TABLE store_user (id INTEGER PRIMARY KEY,"
                        + " domain_id INTEGER NOT NULL REFERENCES domain(id) ON DELETE CASCADE,"
                        + " name VARCHAR(255) NOT NULL, UNIQUE (domain_id, name))",
                "CREATE TABLE administrator ("
                        + " user_id INTEGER NOT NULL REFERENCES store_user(id) ON DELETE CASCADE,"
                        + " scope VARCHAR(8) NOT NULL, PRIMARY KEY (user_id, scope))",
                "CREATE TABLE auth_account (authid VARCHAR(255) PRIMARY KEY,"
                        + " password VARCHAR(512) NOT NULL, expires BIGINT NOT NULL,"
                        + " enabled SMALLINT NOT NULL)",
                "CREATE TABLE auth_alias (authid VARCHAR(255) PRIMARY KEY, userid VARCHAR(512) NOT NULL)",
                "CREATE TABLE mailbox (id INTEGER PRIMARY KEY,"
                        + " domain_id INTEGER NOT NULL REFERENCES domain(id) ON DELETE CASCADE,"
                        + " name VARCHAR(1024) NOT NULL,"
                        + " owner_id INTEGER REFERENCES store_user(id) ON DELETE SET NULL,"
                        + " uid_validity BIGINT NOT NULL, next_uid BIGINT NOT NULL,"
                        + " used_bytes BIGINT NOT NULL, UNIQUE (domain_id, name))",
                "CREATE TABLE mailbox_acl ("
                        + " mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,"
                        + " identifier VARCHAR(255) NOT NULL, rights VARCHAR(32) NOT NULL,"
                        + " PRIMARY KEY (mailbox_id, identifier))",
                "CREATE TABLE quota ("
                        + " domain_id INTEGER NOT NULL REFERENCES domain(id) ON DELETE CASCADE,"
                        + " root VARCHAR(1024) NOT NULL, limit_kb BIGINT NOT NULL,"
                        + " PRIMARY KEY (domain_id, root))",
                "CREATE TABLE message_file (id INTEGER PRIMARY KEY, path VARCHAR(255) NOT NULL UNIQUE,"
                        + " size BIGINT NOT NULL, file_size BIGINT NOT NULL)",
                "CREATE TABLE message ("
                        + " mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,"
                        + " uid BIGINT NOT NULL, file_id INTEGER NOT NULL REFERENCES message_file(id),"
                        + " internal_date BIGINT NOT NULL, size BIGINT NOT NULL,"
                        + " seen SMALLINT NOT NULL, deleted SMALLINT NOT NULL,"
                        + " flags VARCHAR(2048) NOT NULL, PRIMARY KEY (mailbox_id, uid))",
                "CREATE INDEX message_file_ref ON message (file_id)"));
    }

    /** Deleting a user finds its mailboxes by owner: without this index every delete scans them all. */
    private static Migration v2() {
        return new Migration(2, "index mailboxes by owner", List.of(
                "CREATE INDEX mailbox_owner ON mailbox (owner_id)"));
    }

    /**
     * Mail finds its user without regard to ASCII case (SQLite's lower() folds only ASCII,
     * as the engine's rule does). Not unique: a store made before this version may hold
     * users that differ only in case; they stay, lookups prefer the exact spelling and
     * new users are refused when a case variant exists.
     */
    private static Migration v4() {
        return new Migration(4, "index users by their case-folded name", List.of(
                "CREATE INDEX store_user_folded ON store_user (domain_id, lower(name))"));
    }

    /**
     * Each content's header block beside its MIME structure, so FETCH of header fields opens
     * no file. NULL for contents stored before: filled on their first such read.
     */
    private static Migration v5() {
        return new Migration(5, "cache each message file's header block", List.of(
                "ALTER TABLE message_file ADD COLUMN header BLOB"));
    }

    /**
     * What changed in a mailbox since a modseq (an IMAP session catching up after each change,
     * CONDSTORE, a kept snapshot brought up to date, an incremental sync) is read through an
     * index instead of a scan of the whole mailbox: 10 ms at 100,000 messages, for every session
     * that has it selected, on every change.
     */
    private static Migration v6() {
        return new Migration(6, "index messages by modseq", List.of(
                "CREATE INDEX message_modseq ON message (mailbox_id, modseq)"));
    }
}
