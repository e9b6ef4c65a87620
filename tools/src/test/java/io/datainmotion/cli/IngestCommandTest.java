package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/dim ingest refuses what it cannot run with one line and a non-zero exit, before connecting anywhere. */
class IngestCommandTest {

    @Test
    void anUnknownSourceIsRefused() {
        DimRunner dim = new DimRunner();
        assertEquals(1, dim.run("ingest", "mastodon"));
        assertEquals("dim ingest: unknown source 'mastodon'; expected x or bluesky", dim.err().strip());
    }

    @Test
    void xWithoutItsTokenVariableIsRefusedNamingTheVariable(@TempDir Path dir) throws Exception {
        Path properties = dir.resolve("ingest.properties");
        Files.writeString(properties, "kafka.bootstrap.servers=127.0.0.1:1\nx.bearer.token.env=DIM_TEST_NO_SUCH_TOKEN_VARIABLE\n");
        DimRunner dim = new DimRunner();
        assertEquals(1, dim.run("ingest", "x", "--filter", properties.toString()));
        assertEquals("dim ingest: environment variable DIM_TEST_NO_SUCH_TOKEN_VARIABLE (named by x.bearer.token.env) "
                + "is not set: it must hold the X app's bearer token", dim.err().strip());
    }

    @Test
    void aMissingSourceIsAUsageError() {
        DimRunner dim = new DimRunner();
        assertEquals(2, dim.run("ingest"));
        assertTrue(dim.err().startsWith("dim: Missing required parameter: 'SOURCE'"), dim.err());
        assertEquals(1, dim.err().strip().lines().count(), dim.err());
    }
}
