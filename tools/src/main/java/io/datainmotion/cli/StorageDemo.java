package io.datainmotion.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The demo's last part: waits for the storage topology to catch up, then queries a few results back. */
final class StorageDemo {

    /** Questions of the README's "Storage" section, as the demo asks them of its own database. */
    static final List<String[]> QUERIES = List.of(
            new String[] {"Tweets stored, by sentiment",
                "SELECT sentiment, count(*) AS tweets, round(avg(polarity)::numeric, 3) AS mean_polarity"
                        + " FROM tweet_sentiment GROUP BY sentiment ORDER BY tweets DESC"},
            new String[] {"Sensors with the most alerting windows",
                "SELECT sensor_id, count(*) AS alerts, round(max(fraction_above_threshold)::numeric, 2) AS worst_fraction"
                        + " FROM sensor_alerts GROUP BY sensor_id ORDER BY alerts DESC, sensor_id LIMIT 3"},
            new String[] {"Dead letters, by source and reason",
                "SELECT source_topic, reason, count(*) AS records FROM dead_letters GROUP BY 1, 2 ORDER BY 1, 3 DESC"});

    private StorageDemo() {}

    /** Waits until the tables hold at least these many rows; false when the deadline passes first. */
    static boolean awaitStored(DataSource dataSource, long tweets, long windows, long deadlineNanos)
            throws SQLException, InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            if (count(dataSource, "SELECT count(*) FROM tweet_sentiment") >= tweets
                    && count(dataSource, "SELECT count(*) FROM sensor_windows") >= windows) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    static void printQueries(DataSource dataSource, PrintStream out) throws SQLException {
        for (String[] query : QUERIES) {
            out.printf("%n%s:%n  %s%n", query[0], query[1]);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(query[1])) {
                List<String> header = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    header.add(rows.getMetaData().getColumnLabel(i));
                }
                List<List<String>> body = new ArrayList<>();
                while (rows.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= header.size(); i++) {
                        row.add(rows.getString(i));
                    }
                    body.add(row);
                }
                SqlCommand.printTable(header, body, out);
            }
        }
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
