package io.datainmotion.storage;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables the storage topology writes (schema: {@code V1__result_tables.sql}), in the order a
 * transaction writes them, with the upsert that makes a replay harmless: a row is inserted, or
 * updates the row with its key only when it is not older ({@link #guard}), so writing a record twice
 * leaves one row and an old record replayed after a newer one leaves the newer row.
 */
public enum StorageTable {

    TWEET_SENTIMENT("tweet_sentiment", List.of("id"),
            List.of("id", "tweet", "sentiment", "polarity", "scored_at", "created_at",
                    "source_topic", "source_partition", "source_offset", "kafka_partition", "kafka_offset"),
            "scored_at"),
    SENTIMENT_TRENDS("sentiment_trends", List.of("window_start"),
            List.of("window_start", "window_end", "tweets", "positive", "negative", "neutral", "mean_polarity",
                    "untracked_hashtags", "kafka_partition", "kafka_offset"),
            null),
    SENTIMENT_TREND_HASHTAGS("sentiment_trend_hashtags", List.of("window_start", "hashtag"),
            List.of("window_start", "hashtag", "rank", "tweets", "positive", "negative", "neutral", "mean_polarity",
                    "kafka_partition", "kafka_offset"),
            null),
    SENSOR_WINDOWS("sensor_windows", List.of("sensor_id", "window_start"),
            List.of("sensor_id", "window_start", "window_end", "readings", "mean_temperature", "min_temperature",
                    "max_temperature", "fraction_above_threshold", "kafka_partition", "kafka_offset"),
            null),
    SENSOR_ALERTS("sensor_alerts", List.of("sensor_id", "window_start"),
            List.of("sensor_id", "window_start", "window_end", "fraction_above_threshold", "alert_level",
                    "threshold_celsius", "mean_temperature", "max_temperature", "kafka_partition", "kafka_offset"),
            null),
    DEAD_LETTERS("dead_letters", List.of("source_topic", "source_partition", "source_offset"),
            List.of("source_topic", "source_partition", "source_offset", "reason", "detail", "component", "payload",
                    "payload_bytes", "payload_truncated", "failed_at", "kafka_partition", "kafka_offset"),
            null);

    private final String tableName;
    private final List<String> keyColumns;
    private final List<String> columns;
    private final int versionColumn;
    private final String upsert;

    /**
     * @param versionColumn the column that orders versions of a row, or null for the position of its
     *     Kafka record (records of one key share a partition, so a lower offset is an older version)
     */
    StorageTable(String tableName, List<String> keyColumns, List<String> columns, String versionColumn) {
        this.tableName = tableName;
        this.keyColumns = keyColumns;
        this.columns = columns;
        this.versionColumn = columns.indexOf(versionColumn != null ? versionColumn : "kafka_offset");
        String guard = versionColumn != null
                ? tableName + "." + versionColumn + " <= EXCLUDED." + versionColumn
                : tableName + ".kafka_partition <> EXCLUDED.kafka_partition OR "
                        + tableName + ".kafka_offset <= EXCLUDED.kafka_offset";
        this.upsert = "INSERT INTO " + tableName + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT ("
                + String.join(", ", keyColumns) + ") DO UPDATE SET "
                + columns.stream().filter(c -> !keyColumns.contains(c)).map(c -> c + " = EXCLUDED." + c)
                        .collect(Collectors.joining(", "))
                + " WHERE " + guard;
    }

    public String tableName() {
        return tableName;
    }

    public List<String> columns() {
        return columns;
    }

    /** The parameterized one-row upsert; the driver rewrites a batch of them into multi-row statements. */
    public String upsertSql() {
        return upsert;
    }

    /** The key of a row of this table, comparable with other keys of the same table. */
    List<Object> key(Object[] values) {
        Object[] key = new Object[keyColumns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = values[i];
        }
        return List.of(key);
    }

    /** Whether {@code candidate} replaces {@code current} (same key): it is not older. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    boolean replaces(Object[] candidate, Object[] current) {
        return ((Comparable) candidate[versionColumn]).compareTo(current[versionColumn]) >= 0;
    }
}
