package io.datainmotion.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer side alone: a scripted source, Kafka's MockProducer. */
class IngestionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesAcceptedPostsKeyedByIdAndCountsWhatItSkips() throws Exception {
        MockProducer<String, String> producer = producer(true);
        CursorFile cursor = new CursorFile(dir.resolve("cursor"));
        Ingestion ingestion = ingestion(new ScriptedSource(List.of(post(10, "a", "en"), post(20, "b", "ja"),
                "{\"did\":\"did:plc:x\",\"time_us\":30,\"kind\":\"identity\",\"identity\":{}}", "not json",
                post(40, "c", "en-AU"), post(50, "d", "en"))), producer, cursor, new PostFilter("en", "sun"));
        CompletableFuture<Void> running = run(ingestion);
        await().atMost(Duration.ofSeconds(10)).until(() -> ingestion.metrics().getPostsReceived() == 4);
        ingestion.stop();
        running.get(10, TimeUnit.SECONDS);

        List<ProducerRecord<String, String>> sent = producer.history();
        assertEquals(List.of("at://did:plc:x/app.bsky.feed.post/a", "at://did:plc:x/app.bsky.feed.post/c"),
                sent.stream().map(ProducerRecord::key).toList());
        JsonNode value = JSON.readTree(sent.get(1).value());
        assertEquals("en", value.get("lang").asText(), "the accepted language's primary tag");
        assertEquals("tweets", sent.get(0).topic());
        IngestMetrics metrics = ingestion.metrics();
        assertEquals(2, metrics.getPostsWritten());
        assertEquals(Map.of("ja", 1L), metrics.getPostsSkippedPerLanguage());
        assertEquals(1, metrics.getPostsSkippedByKeyword(), "d has no 'sun'");
        assertEquals(1, metrics.getMessagesMalformed());
        assertEquals(OptionalLong.of(50), cursor.read(), "everything up to the last event written or skipped");
    }

    @Test
    void aFailedWriteEndsIngestionAndTheCursorStaysBeforeTheFailedPost() throws Exception {
        MockProducer<String, String> producer = producer(false);
        CursorFile cursor = new CursorFile(dir.resolve("cursor"));
        Ingestion ingestion = ingestion(new ScriptedSource(List.of(post(10, "a", "en"), post(20, "b", "en"),
                post(30, "c", "en"))), producer, cursor, new PostFilter("en", ""));
        CompletableFuture<Void> running = run(ingestion);
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 3);
        assertTrue(producer.completeNext());
        assertTrue(producer.errorNext(new TimeoutException("Expiring 1 record(s) for tweets-0")));

        ExecutionException failed = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
        IngestException cause = (IngestException) failed.getCause();
        assertTrue(cause.getMessage().startsWith("a write to Kafka topic tweets failed, so ingestion stops"), cause.getMessage());
        assertTrue(cause.getMessage().contains("Expiring 1 record(s)"), cause.getMessage());
        assertEquals(OptionalLong.of(19), cursor.read(), "a restart replays the post whose write failed, and what follows");
    }

    private static CompletableFuture<Void> run(Ingestion ingestion) {
        return CompletableFuture.runAsync(() -> {
            try {
                ingestion.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Ingestion ingestion(LiveSource source, MockProducer<String, String> producer, CursorFile cursor,
                                       PostFilter filter) {
        return new Ingestion(source, filter, producer, "tweets", new IngestMetrics(Clock.systemUTC()),
                new ResumePosition(0), cursor, 100, Duration.ofSeconds(30), new CountDownLatch(1));
    }

    private static MockProducer<String, String> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new StringSerializer());
    }

    private static String post(long timeUs, String rkey, String lang) {
        String text = rkey.equals("d") ? "post d at night" : "post " + rkey + " in the sun";
        return "{\"did\":\"did:plc:x\",\"time_us\":" + timeUs + ",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + rkey + "\",\"record\":{\"text\":\"" + text
                + "\",\"langs\":[\"" + lang + "\"]}}}";
    }

    /** Hands its messages over, then waits to be stopped. */
    private static final class ScriptedSource implements LiveSource {
        private final List<String> messages;
        private final CountDownLatch stopped = new CountDownLatch(1);

        ScriptedSource(List<String> messages) {
            this.messages = messages;
        }

        @Override
        public String name() {
            return "bluesky";
        }

        @Override
        public void run(BlockingQueue<String> queue) throws InterruptedException {
            for (String message : messages) {
                queue.put(message);
            }
            stopped.await();
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public Decoded decode(String message) {
            return JetstreamEvents.decode(message);
        }
    }
}
