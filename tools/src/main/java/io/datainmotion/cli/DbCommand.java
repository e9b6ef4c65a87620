package io.datainmotion.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.FlywayException;
import io.datainmotion.storage.DatabaseSettings;
import io.datainmotion.storage.StorageSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Manages the storage schema in PostgreSQL.",
        subcommands = {DbCommand.Migrate.class})
final class DbCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Creates or updates the storage tables (Flyway migrations shipped in the jar); safe to repeat.")
    static final class Migrate implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            DatabaseSettings settings = database.settings();
            System.out.println(migrate(settings));
            return 0;
        }
    }

    /** Migrates the database and says what it did in one line. */
    static String migrate(DatabaseSettings settings) {
        try (HikariDataSource dataSource = settings.open("dim-migrate")) {
            int applied = StorageSchema.migrate(dataSource);
            return settings.url() + ": " + (applied == 0 ? "schema up to date" : applied + " migration(s) applied")
                    + ", version " + StorageSchema.currentVersion(dataSource);
        } catch (FlywayException e) {
            throw DatabaseOptions.unreachable(settings.url(), e);
        }
    }

    /**
     * For bin/dim local and submit: a Flux file that stores results (it uses jdbc.url) gets its schema
     * migrated first, so the workers find it.
     */
    static void migrateIfStoring(Path fluxFile, Properties properties) {
        try {
            if (Files.readString(fluxFile).contains("${jdbc.url}")) {
                System.err.println(migrate(DatabaseSettings.fromProperties(properties)));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + fluxFile, e);
        }
    }
}
