package io.datainmotion.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import io.datainmotion.storage.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs one SQL statement against the storage database and prints the result as an aligned table",
            "(or CSV), for when psql is not at hand. Example: bin/dim sql \"SELECT count(*) FROM tweet_sentiment\""})
final class SqlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement.")
    String sql;

    @Option(names = "--csv", description = "Print CSV (RFC 4180) instead of a table.")
    boolean csv;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws SQLException {
        DatabaseSettings settings = database.settings();
        try (HikariDataSource dataSource = settings.open("dim-sql");
                Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                System.out.println(statement.getUpdateCount() + " row(s) affected");
                return 0;
            }
            try (ResultSet rows = statement.getResultSet()) {
                List<String> header = new ArrayList<>();
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    header.add(meta.getColumnLabel(i));
                }
                List<List<String>> body = new ArrayList<>();
                while (rows.next()) {
                    List<String> row = new ArrayList<>(header.size());
                    for (int i = 1; i <= header.size(); i++) {
                        row.add(rows.getString(i));
                    }
                    body.add(row);
                }
                if (csv) {
                    printCsv(header, body, System.out);
                } else {
                    printTable(header, body, System.out);
                }
            }
        } catch (SQLTransientConnectionException e) {
            throw DatabaseOptions.unreachable(settings.url(), e);
        }
        return 0;
    }

    /** psql's layout: columns padded to their widest value, numbers right-aligned, a row count below. */
    static void printTable(List<String> header, List<List<String>> body, PrintStream out) {
        int[] widths = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            numeric[c] = !body.isEmpty();
            for (List<String> row : body) {
                String value = row.get(c);
                widths[c] = Math.max(widths[c], value == null ? 0 : value.length());
                numeric[c] &= value == null || value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
            }
        }
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < header.size(); c++) {
            line.append(c == 0 ? " " : " | ").append(center(header.get(c), widths[c]));
        }
        out.println(line.toString().stripTrailing());
        line.setLength(0);
        for (int c = 0; c < header.size(); c++) {
            line.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
        }
        out.println(line);
        for (List<String> row : body) {
            line.setLength(0);
            for (int c = 0; c < header.size(); c++) {
                String value = row.get(c) == null ? "" : row.get(c);
                String padded = numeric[c] ? " ".repeat(widths[c] - value.length()) + value
                        : value + " ".repeat(widths[c] - value.length());
                line.append(c == 0 ? " " : " | ").append(padded);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(" + body.size() + (body.size() == 1 ? " row)" : " rows)"));
    }

    private static String center(String text, int width) {
        int left = (width - text.length()) / 2;
        return " ".repeat(left) + text + " ".repeat(width - text.length() - left);
    }

    static void printCsv(List<String> header, List<List<String>> body, PrintStream out) {
        out.println(csvLine(header));
        for (List<String> row : body) {
            out.println(csvLine(row));
        }
    }

    private static String csvLine(List<String> values) {
        List<String> quoted = new ArrayList<>(values.size());
        for (String value : values) {
            if (value == null) {
                quoted.add("");
            } else if (value.chars().anyMatch(ch -> ch == '"' || ch == ',' || ch == '\n' || ch == '\r')) {
                quoted.add("\"" + value.replace("\"", "\"\"") + "\"");
            } else {
                quoted.add(value);
            }
        }
        return String.join(",", quoted);
    }
}
