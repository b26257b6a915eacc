package org.storemulti.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepared statements over one connection, for the duration of one {@link Work}.
 * Parameters bind in order; {@code null} binds SQL NULL.
 */
public final class Session {

    private final Connection connection;

    Session(Connection connection) {
        this.connection = connection;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs one INSERT, UPDATE or DELETE for each parameter row, as one JDBC batch. */
    public void batch(String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 1, row[i]);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Runs a query and hands every row to {@code consumer}, without collecting them. */
    public void forEach(String sql, RowConsumer consumer, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                consumer.accept(rows);
            }
        }
    }

    /** Takes the current row of a result set. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /** Runs a query and maps every row. */
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    /** Runs a query and maps its first row, if any. */
    public <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
        }
    }

    /** Runs a query whose first column of its first row is a number; 0 when NULL or no row. */
    public long number(String sql, Object... parameters) throws SQLException {
        return first(sql, row -> row.getLong(1), parameters).orElse(0L);
    }

    /** Runs a statement without parameters (DDL, PRAGMA). */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The next free value of an integer key column, under the write lock. */
    public long nextId(String table) throws SQLException {
        return number("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
