package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentCommandsTest {

    private final DimRunner dim = new DimRunner();

    @Test
    void scoreWritesOneLinePerInputLineInOrder(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"text\": \"I love it\", \"id\": \"a\"}\n\n{\"text\": \"not good\"}\n");

        assertEquals(0, dim.run("score", "--scorer", "vader", input.toString()));

        assertEquals("{\"id\":\"a\",\"sentiment\":\"positive\",\"polarity\":0.6369}\n"
                + "{\"id\":3,\"sentiment\":\"negative\",\"polarity\":-0.3412}\n", dim.out());
    }

    @Test
    void scoreExplainsWithContributions(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"text\": \"very good\", \"id\": 1}\n");

        assertEquals(0, dim.run("score", "--scorer", "vader", "--explain", input.toString()));

        assertTrue(dim.out().contains("\"contributions\":[{\"feature\":\"good\",\"weight\":2.193,"
                + "\"detail\":\"lexicon 1.9; booster 'very' +0.293\"}]"), dim.out());
    }

    @Test
    void scoreStopsAtABadLineNamingIt(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"text\": \"good\"}\n{\"text\": 3}\n{\"text\": \"bad\"}\n");

        assertNotEquals(0, dim.run("score", "--scorer", "vader", input.toString()));

        assertEquals(1, dim.out().lines().count());
        assertEquals("dim score: line 2: invalid-field: text must be a string, got NUMBER", dim.err().strip());
    }

    @Test
    void scoreRejectsAnUnknownScorerNamingTheKnownOnes(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"text\": \"good\"}\n");
        assertNotEquals(0, dim.run("score", "--scorer", "textblob", input.toString()));
        assertTrue(dim.err().contains("known: vader"), dim.err());
    }

    @Test
    void evalSentimentPrintsTheConfusionMatrixAndMacroRecall(@TempDir Path dir) throws IOException {
        Path data = Files.writeString(dir.resolve("labelled.jsonl"),
                "{\"text\": \"good\", \"label\": \"positive\"}\n"
                + "{\"text\": \"bad\", \"label\": \"negative\"}\n"
                + "{\"text\": \"the bus\", \"label\": \"neutral\"}\n"
                + "{\"text\": \"not bad\", \"label\": \"negative\"}\n");

        assertEquals(0, dim.run("eval-sentiment", "--scorer", "vader", "--data", data.toString()));

        String table = dim.out();
        // "not bad" is positive for VADER
        assertTrue(table.lines().anyMatch(line -> line.matches("negative\\s+1\\s+1\\s+0\\s+0\\.500")), table);
        assertTrue(table.contains("macro-averaged recall 0.8333"), table);
    }

    @Test
    void evalSentimentTakesThresholdSettings(@TempDir Path dir) throws IOException {
        Path data = Files.writeString(dir.resolve("labelled.jsonl"), "{\"text\": \"good\", \"label\": \"neutral\"}\n");
        assertEquals(0, dim.run("eval-sentiment", "--scorer", "vader", "--data", data.toString(), "--setting", "positiveThreshold=0.5"));
        assertTrue(dim.out().lines().anyMatch(line -> line.matches("neutral\\s+0\\s+0\\s+1\\s+1\\.000")),
                dim.out());
    }

    @Test
    void evalSentimentNamesAMissingFile(@TempDir Path dir) {
        assertNotEquals(0, dim.run("eval-sentiment", "--data", dir.resolve("none.jsonl").toString()));
        assertTrue(dim.err().contains("cannot read"), dim.err());
    }
}
