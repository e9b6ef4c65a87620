package io.datainmotion.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.sentiment.TweetParser;

/**
 * Benchmark input: tweet texts cycled as often as needed, each record with a unique numeric id (its
 * sequence number) and {@code created_at} set to when it is sent, which the output carries back for
 * the latency.
 */
final class TweetLoad {

    static final String BUNDLED_SAMPLE = "/io/datainmotion/samples/tweets.txt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> texts;
    private final String source;

    private TweetLoad(List<String> texts, String source) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no valid tweets in " + source);
        }
        this.texts = texts;
        this.source = source;
    }

    /** Tweets from a file of records as the topology reads them (JSON objects with a text, or plain lines); invalid ones are skipped. */
    static TweetLoad fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromRecords(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static TweetLoad bundledSample() {
        try (InputStream in = Objects.requireNonNull(TweetLoad.class.getResourceAsStream(BUNDLED_SAMPLE), BUNDLED_SAMPLE)) {
            return fromRecords(in, "the bundled sample tweets");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled sample tweets", e);
        }
    }

    private static TweetLoad fromRecords(InputStream in, String source) throws IOException {
        TweetParser parser = new TweetParser(16 * 1024);
        List<String> texts = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            // The sample has deliberately malformed records; the benchmark measures valid ones.
            if (parser.parse(line.getBytes(StandardCharsets.UTF_8), () -> "unused") instanceof Outcome.Accepted<Tweet> valid) {
                texts.add(valid.value().text());
            }
        }
        return new TweetLoad(List.copyOf(texts), source);
    }

    String source() {
        return source;
    }

    int distinctTexts() {
        return texts.size();
    }

    /** The record with sequence number {@code sequence}, sent at {@code sentMillis}. */
    String record(long sequence, long sentMillis) {
        return record(String.valueOf(sequence), sequence, sentMillis);
    }

    /** A record with an id outside the numeric sequence, e.g. to see that an engine is up. */
    String record(String id, long textIndex, long sentMillis) {
        try {
            return JSON.writeValueAsString(Map.of("id", id,
                    "text", texts.get((int) (textIndex % texts.size())), "created_at", sentMillis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
