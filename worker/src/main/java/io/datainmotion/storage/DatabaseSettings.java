package io.datainmotion.storage;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Where the results are stored: a JDBC URL, a user, and the NAME of the environment variable that
 * holds the password (empty for none), read where the pool is opened, so no password is ever in a
 * file, a topology or a log line. Flux properties {@code jdbc.url}, {@code jdbc.user},
 * {@code jdbc.password.env}, {@code jdbc.pool.size}.
 */
public record DatabaseSettings(String url, String user, String passwordEnv, int poolSize) implements Serializable {

    /** Flyway, which checks and migrates the schema through the pool, holds two connections at once. */
    public static final int MIN_POOL_SIZE = 2;

    /** How long a writer waits for a connection before the batch fails and is replayed. */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    public DatabaseSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbc.url must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB), got " + url);
        }
        if (poolSize < MIN_POOL_SIZE) {
            throw new IllegalArgumentException("jdbc.pool.size must be at least " + MIN_POOL_SIZE
                    + " (checking the schema holds two connections), got " + poolSize);
        }
        passwordEnv = passwordEnv == null ? "" : passwordEnv.trim();
    }

    /** From the {@code jdbc.*} properties of a Flux properties file. */
    public static DatabaseSettings fromProperties(Properties properties) {
        return new DatabaseSettings(properties.getProperty("jdbc.url"), properties.getProperty("jdbc.user", ""),
                properties.getProperty("jdbc.password.env", ""),
                Integer.parseInt(properties.getProperty("jdbc.pool.size", "2").trim()));
    }

    public DatabaseSettings withUrl(String newUrl) {
        return new DatabaseSettings(newUrl, user, passwordEnv, poolSize);
    }

    /** A connection pool; connections are made on first use, so a database that is down fails writes, not this. */
    public HikariDataSource open(String poolName) {
        return open(poolName, System.getenv());
    }

    HikariDataSource open(String poolName, Map<String, String> environment) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        if (!user.isBlank()) {
            config.setUsername(user);
        }
        if (!passwordEnv.isEmpty()) {
            String password = environment.get(passwordEnv);
            if (password == null) {
                throw new IllegalStateException("jdbc.password.env names the environment variable " + passwordEnv
                        + ", which is not set");
            }
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(-1);
        // Batched upserts become multi-row statements: one round trip per batch instead of per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
