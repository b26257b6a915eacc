package org.storemulti.store.db;

import java.util.List;

/**
 * One numbered step of the schema: plain, portable SQL statements (they run unchanged on
 * PostgreSQL), then optionally {@code code} for what SQL alone cannot do portably (digests,
 * parsing a column). Everything is applied in one transaction together with its
 * {@code schema_version} row, so a crash leaves the version before or after, never between.
 *
 * <p>Code steps are frozen with their migration: they never call the application's
 * classes, whose meaning may change later.
 */
public record Migration(int version, String description, List<String> statements, Work<Void> code) {

    public Migration {
        statements = List.copyOf(statements);
    }

    /** A migration of SQL statements only. */
    public Migration(int version, String description, List<String> statements) {
        this(version, description, statements, null);
    }
}
