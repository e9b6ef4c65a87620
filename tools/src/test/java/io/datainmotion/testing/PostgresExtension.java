package io.datainmotion.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.datainmotion.storage.DatabaseSettings;
import io.datainmotion.storage.EmbeddedPostgresServer;
import io.datainmotion.storage.StorageSchema;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server on a free 127.0.0.1 port for one test class, with a temporary data directory
 * removed afterwards. Register it as a static field with {@code @RegisterExtension}.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgresServer server;
    private Path dataDir;
    private HikariDataSource dataSource;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("dim-test-postgres-");
        server = EmbeddedPostgresServer.builder().dataDir(dataDir).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dataSource != null) {
            dataSource.close();
        }
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            PathUtils.deleteDirectory(dataDir);
        }
    }

    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    public DatabaseSettings settings() {
        return server.settings(4);
    }

    /** A pool on the server for the test's own queries, opened on first use. */
    public synchronized HikariDataSource dataSource() {
        if (dataSource == null) {
            dataSource = settings().open("test");
        }
        return dataSource;
    }

    public void migrate() {
        StorageSchema.migrate(dataSource());
    }

    /** Stops the server; {@link #start} starts it again on the same port with the same data. */
    public void stop() {
        server.close();
    }

    public void start() {
        server = EmbeddedPostgresServer.builder().port(server.port()).dataDir(dataDir).start();
    }

    /** Runs statements in one transaction. */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    /** Every row of a query, each as its columns' values. */
    public List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    public long count(String sql) throws SQLException {
        return ((Number) query(sql).get(0).get(0)).longValue();
    }
}
