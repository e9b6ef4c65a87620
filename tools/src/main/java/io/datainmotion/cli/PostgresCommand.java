package io.datainmotion.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.datainmotion.storage.EmbeddedPostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "postgres", mixinStandardHelpOptions = true,
        description = {"Runs a PostgreSQL 17 server on 127.0.0.1 in the foreground until Ctrl-C (user postgres, no password).",
            "Its data survives a restart with the same --data-dir. Create the tables with 'bin/dim db migrate'."})
final class PostgresCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "5432", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the server keeps its data (default: var/postgres in the project).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = dataDir != null ? dataDir : ProjectHome.resolve("var/postgres");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().port(port).dataDir(dir).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "postgres-shutdown"));
        System.out.println("PostgreSQL ready at " + server.jdbcUrl() + " (user " + EmbeddedPostgresServer.USER
                + ", data in " + dir + "). Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
