package org.storemulti.store.db;

import java.util.List;

/**
 * One numbered step of the schema. Statements are plain, portable SQL (they run unchanged
 * on PostgreSQL); a migration is applied in one transaction together with its
 * {@code schema_version} row.
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        statements = List.copyOf(statements);
    }
}
