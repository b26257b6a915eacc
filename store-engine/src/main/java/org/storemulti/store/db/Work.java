package org.storemulti.store.db;

import java.sql.SQLException;

/** A unit of database work run inside a read or a write transaction. */
@FunctionalInterface
public interface Work<T> {

    T run(Session session) throws SQLException;
}
