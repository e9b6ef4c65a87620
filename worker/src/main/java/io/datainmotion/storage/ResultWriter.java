package io.datainmotion.storage;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Writes the rows of a batch of records in one transaction, as one batched upsert per table (the
 * driver, with {@code reWriteBatchedInserts}, sends them as multi-row statements). Within a batch only
 * the newest row of each key is sent (a multi-row upsert cannot touch a row twice), in key order, so
 * concurrent writers lock rows in the same order.
 *
 * <p>When PostgreSQL refuses the batch for the content of a value (SQLSTATE class 22, data exception,
 * such as a NUL in a text or a timestamp out of range; or 23, a violated constraint) the transaction
 * is rolled back and written again record by record, each behind a savepoint: the refused records are
 * returned for the caller to dead-letter, the others are committed. Any other failure (the database is
 * down, a deadlock) is thrown with nothing committed, for the caller to retry the whole batch.
 */
public final class ResultWriter {

    /** The rows one input record became; {@code index} is the record's position in its batch. */
    public record Record(int index, List<Row> rows) {}

    /** A record PostgreSQL refused, with its SQLSTATE and message. */
    public record Refusal(int index, String detail) {}

    private static final String STALE_HASHTAGS = "DELETE FROM sentiment_trend_hashtags h USING sentiment_trends t"
            + " WHERE h.window_start = ? AND t.window_start = h.window_start"
            + " AND (h.kafka_partition <> t.kafka_partition OR h.kafka_offset <> t.kafka_offset)";

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private final DataSource dataSource;

    public ResultWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes every record's rows and commits, or throws with nothing committed.
     *
     * @return the records PostgreSQL refused for their content (none of their rows is written)
     * @throws SQLException when the batch could not be written for another reason
     */
    public List<Refusal> write(List<Record> records) throws SQLException {
        if (records.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                writeBatched(connection, records);
                removeStaleHashtags(connection, records);
                connection.commit();
                return List.of();
            } catch (SQLException e) {
                connection.rollback();
                if (!isRefusalOfContent(e)) {
                    throw e;
                }
            }
            try {
                List<Refusal> refused = writeOneByOne(connection, records);
                removeStaleHashtags(connection, records);
                connection.commit();
                return refused;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void writeBatched(Connection connection, List<Record> records) throws SQLException {
        Map<StorageTable, Map<List<Object>, Object[]>> newest = new EnumMap<>(StorageTable.class);
        for (Record record : records) {
            for (Row row : record.rows()) {
                newest.computeIfAbsent(row.table(), t -> new HashMap<>())
                        .merge(row.table().key(row.values()), row.values(),
                                (current, candidate) -> row.table().replaces(candidate, current) ? candidate : current);
            }
        }
        for (Map.Entry<StorageTable, Map<List<Object>, Object[]>> table : newest.entrySet()) {
            List<Map.Entry<List<Object>, Object[]>> rows = new ArrayList<>(table.getValue().entrySet());
            rows.sort(Map.Entry.comparingByKey(KEY_ORDER));
            try (PreparedStatement upsert = connection.prepareStatement(table.getKey().upsertSql())) {
                for (Map.Entry<List<Object>, Object[]> row : rows) {
                    bind(upsert, row.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
    }

    private static List<Refusal> writeOneByOne(Connection connection, List<Record> records) throws SQLException {
        List<Refusal> refused = new ArrayList<>();
        Map<StorageTable, PreparedStatement> upserts = new EnumMap<>(StorageTable.class);
        try {
            for (Record record : records) {
                Savepoint before = connection.setSavepoint();
                try {
                    for (Row row : record.rows()) {
                        PreparedStatement upsert = upserts.get(row.table());
                        if (upsert == null) {
                            upsert = connection.prepareStatement(row.table().upsertSql());
                            upserts.put(row.table(), upsert);
                        }
                        bind(upsert, row.values());
                        upsert.executeUpdate();
                    }
                    connection.releaseSavepoint(before);
                } catch (SQLException e) {
                    if (!isRefusalOfContent(e)) {
                        throw e;
                    }
                    connection.rollback(before);
                    refused.add(new Refusal(record.index(), describe(e)));
                }
            }
        } finally {
            for (PreparedStatement upsert : upserts.values()) {
                upsert.close();
            }
        }
        return refused;
    }

    /** Drops the hashtag rows of trend windows whose row now comes from another (newer) record. */
    private static void removeStaleHashtags(Connection connection, List<Record> records) throws SQLException {
        List<Object> windows = new ArrayList<>();
        for (Record record : records) {
            for (Row row : record.rows()) {
                if (row.table() == StorageTable.SENTIMENT_TRENDS) {
                    windows.add(row.values()[0]);
                }
            }
        }
        if (windows.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(STALE_HASHTAGS)) {
            for (Object window : windows) {
                delete.setObject(1, window);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    /** Whether PostgreSQL (or the driver, for a NUL) refused a value: retrying would fail again. */
    static boolean isRefusalOfContent(SQLException e) {
        for (SQLException cause = e; cause != null; cause = next(cause)) {
            String state = cause.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static SQLException next(SQLException e) {
        if (e.getNextException() != null && e.getNextException() != e) {
            return e.getNextException();
        }
        return e.getCause() instanceof SQLException cause && cause != e ? cause : null;
    }

    private static String describe(SQLException e) {
        SQLException root = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        return root.getSQLState() + " " + root.getMessage().replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
