package io.datainmotion.cli;

import java.nio.file.Path;
import java.util.Properties;

import io.datainmotion.storage.DatabaseSettings;
import io.datainmotion.topology.FluxTopology;
import picocli.CommandLine.Option;

/** Which database a command talks to: the jdbc.* properties of a properties file, the URL overridable. */
final class DatabaseOptions {

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "The database, overriding jdbc.url from the properties, e.g. jdbc:postgresql://127.0.0.1:5432/postgres.")
    String jdbcUrl;

    @Option(names = "--filter", paramLabel = "PROPERTIES",
            description = "Properties with jdbc.url, jdbc.user, jdbc.password.env (default: flux/local.properties).")
    Path filter;

    DatabaseSettings settings() {
        return settings(FluxTopology.properties(FluxPropertiesOptions.filterOrDefault(filter)));
    }

    /** A one-line error naming the database and the first cause (e.g. "Connection to ... refused"), not the pool's timeout. */
    static IllegalStateException unreachable(String url, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new IllegalStateException("cannot use the database at " + url + ": " + root.getMessage(), e);
    }

    DatabaseSettings settings(Properties properties) {
        DatabaseSettings settings = DatabaseSettings.fromProperties(properties);
        return jdbcUrl != null ? settings.withUrl(jdbcUrl) : settings;
    }
}
