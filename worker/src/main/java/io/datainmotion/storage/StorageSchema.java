package io.datainmotion.storage;

import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The storage tables as Flyway migrations shipped in the jar ({@value #MIGRATIONS}). {@code bin/dim db
 * migrate} (and {@code bin/dim local}/{@code submit}/{@code demo} for a topology that stores) applies
 * them; a writer checks them before its first write and refuses a schema that lacks any.
 */
public final class StorageSchema {

    public static final String MIGRATIONS = "classpath:io/datainmotion/storage/migrations";

    private StorageSchema() {}

    /** Applies the migrations the database lacks; returns how many were applied. */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    /** The version the database's schema is at, or null before the first migration. */
    public static String currentVersion(DataSource dataSource) {
        MigrationInfo current = flyway(dataSource).info().current();
        return current == null ? null : current.getVersion().getVersion();
    }

    /**
     * Throws an {@link IllegalStateException} saying what to run when the database lacks a migration
     * of this jar; a Flyway exception (wrapping the SQL one) when the database cannot be asked.
     */
    public static void requireMigrated(DataSource dataSource, String where) {
        MigrationInfo[] pending = flyway(dataSource).info().pending();
        if (pending.length > 0) {
            throw new IllegalStateException("the database at " + where + " lacks the storage schema migration(s) "
                    + Arrays.stream(pending).map(m -> m.getVersion() + " " + m.getDescription())
                            .collect(Collectors.joining(", "))
                    + ": run 'bin/dim db migrate --jdbc-url " + where + "' before starting the storage topology");
        }
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(StorageSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load();
    }
}
