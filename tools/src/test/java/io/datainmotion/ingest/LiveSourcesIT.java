package io.datainmotion.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.testing.CapturedLogs;
import io.datainmotion.testing.DimProcess;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.LocalStorm;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both live sources against faithful local fakes, writing into a real broker's {@code tweets} topic
 * while the shipped flux/sentiment.yaml runs on a LocalCluster: every English post the fakes sent
 * reaches {@code tweets} and then {@code twitter_sentiment}, through every failure the fakes stage.
 * Reconnection delays are those of X's policy, observed through an injected clock and pause (no
 * test sleeps through them); the bearer token appears in no log line and no exception.
 */
class LiveSourcesIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_VARIABLE = "DIM_TEST_X_TOKEN";

    private static LocalStorm storm;
    private static FluxTopology topology;
    private static Properties shipped;

    @BeforeAll
    static void startScoring() {
        shipped = KAFKA.shippedProperties();
        KAFKA.createTopics(LocalStorm.topicsOf(shipped), 1);
        topology = FluxTopology.load(Path.of("flux/sentiment.yaml"), shipped);
        storm = LocalStorm.start();
        storm.submit(topology);
    }

    @AfterAll
    static void stopScoring() {
        if (storm != null) {
            storm.kill(topology.name());
            storm.close();
        }
    }

    @Test
    void xPostsReachTweetsAndScoringThroughEveryKindOfFailure() throws Exception {
        String token = "AAAAtest" + UUID.randomUUID().toString().replace("-", "");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<Duration> pauses = new CopyOnWriteArrayList<>();
        List<String> english = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "17" + batch + i;
                String lang = batch == 1 && i == 0 ? "pt" : batch == 2 && i == 0 ? "und" : "en";
                if (lang.equals("en")) {
                    english.add(id);
                }
                lines.add(FakeXApi.post(id, lang.equals("pt") ? "Que dia lindo" : "Post " + id + " is great news", lang));
            }
            batches.add(lines);
        }
        try (FakeXApi x = new FakeXApi(token, clock); CapturedLogs logs = new CapturedLogs("io.datainmotion")) {
            x.addRule("1", "old rule no longer configured", "data-in-motion");
            x.addRule("2", "someone else's rule", "marketing");
            x.addRule("3", "#dataInMotion", "data-in-motion");
            x.then(FakeXApi.stream(batches.get(0), FakeXApi.Ending.MID_LINE_DROP));
            x.then(FakeXApi.status(503, "Service Unavailable", Map.of()));
            x.then(FakeXApi.status(503, "Service Unavailable", Map.of()));
            x.then(x.rateLimited(90));
            x.then(FakeXApi.stream(batches.get(1), FakeXApi.Ending.STALL));
            x.then(FakeXApi.stream(batches.get(2), FakeXApi.Ending.OPERATIONAL_DISCONNECT));
            // The JDK's client retries a GET once by itself when a connection closes before any response.
            x.then(FakeXApi.closeWithoutResponse());
            x.then(FakeXApi.closeWithoutResponse());
            x.then(FakeXApi.stream(batches.get(3), FakeXApi.Ending.MID_LINE_DROP));
            x.then(FakeXApi.stream(batches.get(4), FakeXApi.Ending.HOLD));

            Properties properties = xProperties(x, "(storm OR kafka) lang:en -is:retweet;#dataInMotion");
            Ingestion ingestion = LiveSources.create("x", properties, Map.of(TOKEN_VARIABLE, token),
                    new LiveSources.Timing(clock, delay -> {
                        pauses.add(delay);
                        clock.advance(delay);
                        return true;
                    }));
            assertEquals(Map.of("someone else's rule", "marketing", "#dataInMotion", "data-in-motion",
                    "(storm OR kafka) lang:en -is:retweet", "data-in-motion"), x.rules(),
                    "the missing rule added with the project's tag, its stale one deleted, another's kept");
            List<String> ruleRequests = x.requests().stream().filter(r -> r.contains("/rules")).toList();
            assertEquals(List.of("GET /2/tweets/search/stream/rules", "POST /2/tweets/search/stream/rules?dry_run=true",
                    "POST /2/tweets/search/stream/rules", "POST /2/tweets/search/stream/rules"), ruleRequests);

            CompletableFuture<Void> running = runInBackground(ingestion);
            Map<String, JsonNode> tweets = awaitKeys(shipped.getProperty("topic.tweets"), english);
            Map<String, JsonNode> scored = awaitKeys(shipped.getProperty("topic.sentiment"), english);
            ingestion.stop();
            running.get(60, TimeUnit.SECONDS);

            Set<String> fromX = new LinkedHashSet<>();
            tweets.forEach((id, tweet) -> {
                if (tweet.get("source").asText().equals("x")) {
                    fromX.add(id);
                }
            });
            assertEquals(new LinkedHashSet<>(english), fromX, "exactly the English posts, nothing else");
            JsonNode first = tweets.get(english.get(0));
            assertEquals("x", first.get("source").asText());
            assertEquals("en", first.get("lang").asText());
            assertTrue(first.get("author").asText().startsWith("4"), first.toString());
            for (String id : english) {
                assertTrue(Set.of("positive", "negative", "neutral").contains(scored.get(id).get("sentiment").asText()));
                assertEquals(tweets.get(id).get("text").asText(), scored.get(id).get("tweet").asText());
            }

            assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(90),
                    Duration.ZERO, Duration.ZERO, Duration.ofMillis(250), Duration.ZERO), pauses.subList(0, 8),
                    "at once after each drop, stall or operational disconnect; 5 s then 10 s after 503s; until the "
                            + "rate-limit reset (90 s, more than the first minute) after 429; 250 ms after a network error");
            // A machine too busy to read the held connection for the stall timeout reconnects it, at once.
            pauses.subList(8, pauses.size()).forEach(extra -> assertEquals(Duration.ZERO, extra));
            assertEquals(10 + pauses.size() - 8, x.streamQueries().size(), "one connection per scripted step");
            x.streamQueries().forEach(q -> assertEquals("tweet.fields=created_at,lang,author_id", q));

            IngestMetrics metrics = ingestion.metrics();
            assertEquals(20, metrics.getPostsReceived());
            assertEquals(english.size(), metrics.getPostsWritten());
            assertEquals(Map.of("pt", 1L, "und", 1L), metrics.getPostsSkippedPerLanguage());
            assertEquals(2, metrics.getMessagesMalformed(), "the two lines cut off mid-way");
            assertEquals(pauses.size(), metrics.getReconnects());

            String log = logs.text();
            assertTrue(log.contains("No data from X's filtered stream for 3 s"), log);
            assertTrue(log.contains("operational-disconnect"), log);
            assertTrue(log.contains("posts received 20, written " + english.size()), "metrics are logged: " + log);
            assertFalse(log.contains(token), "the bearer token is in the log");
        }
    }

    @Test
    void xStopsOnARefusedTokenWithoutRetryingOrRevealingIt() throws Exception {
        String token = "AAAAwrong" + UUID.randomUUID().toString().replace("-", "");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (FakeXApi x = new FakeXApi("the-right-token", clock); CapturedLogs logs = new CapturedLogs("io.datainmotion")) {
            Ingestion ingestion = LiveSources.create("x", xProperties(x, ""), Map.of(TOKEN_VARIABLE, token),
                    new LiveSources.Timing(clock, delay -> {
                        throw new AssertionError("no retry after 401, but a pause of " + delay);
                    }));
            IngestException refused = assertThrows(IngestException.class, ingestion::run);
            assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
            assertEquals(1, x.requests().stream().filter(r -> r.startsWith("GET /2/tweets/search/stream?")).count(),
                    "one attempt, no retry");
            IngestException rulesRefused = assertThrows(IngestException.class, () -> LiveSources.create("x",
                    xProperties(x, "kafka lang:en"), Map.of(TOKEN_VARIABLE, token), null));
            assertTrue(rulesRefused.getMessage().contains("HTTP 401"), rulesRefused.getMessage());
            for (Throwable e : List.of(refused, rulesRefused)) {
                assertFalse(String.valueOf(e.getMessage()).contains(token));
                assertFalse(stackTrace(e).contains(token));
            }
            assertFalse(logs.text().contains(token), "the bearer token is in the log");
            IngestException unset = assertThrows(IngestException.class,
                    () -> LiveSources.create("x", xProperties(x, ""), Map.of(), null));
            assertTrue(unset.getMessage().contains(TOKEN_VARIABLE + " (named by x.bearer.token.env) is not set"));
        }
    }

    @Test
    void anInvalidRuleStopsIngestionWithXsExplanationAndChangesNothing() throws Exception {
        String token = "AAAArules" + UUID.randomUUID().toString().replace("-", "");
        try (FakeXApi x = new FakeXApi(token, Clock.systemUTC())) {
            x.addRule("1", "old rule", "data-in-motion");
            IngestException rejected = assertThrows(IngestException.class, () -> LiveSources.create("x",
                    xProperties(x, "kafka lang:en;storm languages:en"), Map.of(TOKEN_VARIABLE, token), null));
            assertTrue(rejected.getMessage().contains("(dry run)"), rejected.getMessage());
            assertTrue(rejected.getMessage().contains("Invalid Rule 'storm languages:en': Reference to invalid operator "
                    + "'languages'"), rejected.getMessage());
            assertEquals(Map.of("old rule", "data-in-motion"), x.rules(), "nothing added or deleted");
            assertFalse(rejected.getMessage().contains(token));
        }
    }

    @Test
    void blueskyPostsReachTweetsAndScoringAndARestartResumesFromTheStoredCursor(@TempDir Path dir) throws Exception {
        List<Duration> pauses = new CopyOnWriteArrayList<>();
        LiveSources.Timing timing = new LiveSources.Timing(Clock.systemUTC(), delay -> {
            pauses.add(delay);
            return true;
        });
        Map<String, ObjectNode> englishPosts = new LinkedHashMap<>();
        List<ObjectNode> firstEvents = events("a", 24, englishPosts);
        List<ObjectNode> laterEvents = events("b", 8, englishPosts);
        Path cursorFile = dir.resolve("bluesky-cursor");
        Properties properties = new Properties();
        properties.putAll(shipped);
        properties.setProperty("bluesky.jetstream.url", "");
        properties.setProperty("bluesky.cursor.file", cursorFile.toString());
        properties.setProperty("bluesky.cursor.rewind.seconds", "5");
        properties.setProperty("ingest.metrics.interval.seconds", "1");

        try (FakeJetstream jetstream = new FakeJetstream(); CapturedLogs logs = new CapturedLogs("io.datainmotion")) {
            properties.setProperty("bluesky.jetstream.url", jetstream.url().toString());
            jetstream.publish(firstEvents);
            jetstream.then(new FakeJetstream.Plan(10, true, 6));
            Ingestion first = LiveSources.create("bluesky", properties, Map.of(), timing);
            CompletableFuture<Void> running = runInBackground(first);
            List<String> firstIds = englishIds(englishPosts, "a");
            awaitKeys(shipped.getProperty("topic.tweets"), firstIds);
            first.stop();
            running.get(60, TimeUnit.SECONDS);

            List<OptionalLong> cursors = jetstream.cursors();
            assertEquals(OptionalLong.empty(), cursors.get(0), "no stored cursor: live tail");
            long firstMissed = jetstream.history().get(10).get("time_us").asLong();
            assertTrue(cursors.get(1).isPresent() && cursors.get(1).getAsLong() <= firstMissed,
                    "the reconnection asks for a cursor no later than the first event it missed: " + cursors);
            assertEquals(List.of(Duration.ZERO), pauses, "reconnected at once after the drop");
            List<ObjectNode> history = jetstream.history();
            long lastEvent = history.get(history.size() - 1).get("time_us").asLong();
            assertEquals(OptionalLong.of(lastEvent), new CursorFile(cursorFile).read(),
                    "after a clean stop the stored cursor is the last event, everything before it written or skipped");
            Map<String, Long> skipped = first.metrics().getPostsSkippedPerLanguage();
            assertEquals(Set.of("ja", "und"), skipped.keySet(), skipped.toString());
            assertTrue(skipped.get("ja") >= 3 && skipped.get("und") >= 3,
                    "three of each, and again those the reconnection replayed after the first connection had them: "
                            + skipped);

            // Events while ingestion is down: only the stored cursor can bring them.
            jetstream.publish(laterEvents);
            jetstream.happenNow(laterEvents.size());
            Ingestion second = LiveSources.create("bluesky", properties, Map.of(), timing);
            CompletableFuture<Void> resumed = runInBackground(second);
            List<String> allIds = new ArrayList<>(englishPosts.keySet());
            Map<String, JsonNode> tweets = awaitKeys(shipped.getProperty("topic.tweets"), allIds);
            Map<String, JsonNode> scored = awaitKeys(shipped.getProperty("topic.sentiment"), allIds);
            second.stop();
            resumed.get(60, TimeUnit.SECONDS);

            assertEquals(OptionalLong.of(lastEvent - 5_000_000), jetstream.cursors().get(2),
                    "the restart resumes 5 s before the stored cursor");
            assertTrue(jetstream.queries().stream().allMatch(q -> q.contains("wantedCollections=app.bsky.feed.post")));
            for (String id : allIds) {
                JsonNode tweet = tweets.get(id);
                assertEquals("bluesky", tweet.get("source").asText());
                assertEquals(englishPosts.get(id).get("did").asText(), tweet.get("author").asText());
                assertEquals(englishPosts.get(id).get("commit").get("record").get("text").asText(), tweet.get("text").asText());
                assertNotNull(scored.get(id).get("sentiment"));
            }
            assertTrue(logs.text().contains("Jetstream connection ended"), logs.text());
        }
    }

    @Test
    void binDimIngestRunsUntilSigtermThenFlushesAndKeepsItsCursor(@TempDir Path dir) throws Exception {
        Map<String, ObjectNode> englishPosts = new LinkedHashMap<>();
        List<ObjectNode> events = events("p", 16, englishPosts);
        Path cursorFile = dir.resolve("bluesky-cursor");
        Path propertiesFile = dir.resolve("ingest.properties");
        try (FakeJetstream jetstream = new FakeJetstream()) {
            Properties properties = new Properties();
            properties.putAll(shipped);
            properties.setProperty("bluesky.jetstream.url", jetstream.url().toString());
            properties.setProperty("bluesky.cursor.file", cursorFile.toString());
            try (var out = Files.newOutputStream(propertiesFile)) {
                properties.store(out, null);
            }
            jetstream.publish(events);
            Process process = DimProcess.start(Map.of(), "ingest", "bluesky", "--filter", propertiesFile.toString());
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return "(output unreadable: " + e + ")";
                }
            });
            try {
                awaitKeys(shipped.getProperty("topic.tweets"), englishIds(englishPosts, "p"));
                // SIGTERM as a supervisor sends it (Process.destroy would also close the output pipe).
                assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor());
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/dim ingest ends on SIGTERM");
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
            String printed = output.get(10, TimeUnit.SECONDS);
            assertEquals(143, process.exitValue(), "the JVM's status after SIGTERM, once the flush is done: " + printed);
            assertTrue(printed.contains("Ingesting bluesky into tweets until Ctrl-C."), printed);
            assertTrue(printed.contains("bluesky stopped: posts received 14, written 10"), printed);
            List<ObjectNode> history = jetstream.history();
            assertEquals(OptionalLong.of(history.get(history.size() - 1).get("time_us").asLong()),
                    new CursorFile(cursorFile).read(), "the cursor of the last event, stored on the way out");
        }
    }

    /**
     * Per group of eight: a Japanese post, an untagged one, a like or an identity event, then five
     * English posts (two tagged en-US), so that each list ends with an English post.
     */
    private static List<ObjectNode> events(String prefix, int count, Map<String, ObjectNode> englishPosts) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String did = "did:plc:" + prefix + (i % 3);
            String rkey = "3l" + prefix + i;
            ObjectNode event = switch (i % 8) {
                case 0 -> FakeJetstream.post(did, rkey, "今日はいい天気", List.of("ja"));
                case 1 -> FakeJetstream.post(did, rkey, "no language given", null);
                case 2 -> i % 16 == 2 ? FakeJetstream.commit(did, "create", "app.bsky.feed.like", rkey)
                        : FakeJetstream.identity(did);
                default -> FakeJetstream.post(did, rkey, "Such a lovely day " + prefix + i + ", I am so happy",
                        i % 8 < 5 ? List.of("en-US") : List.of("en"));
            };
            if (i % 8 >= 3) {
                englishPosts.put("at://" + did + "/app.bsky.feed.post/" + rkey, event);
            }
            events.add(event);
        }
        return events;
    }

    private static List<String> englishIds(Map<String, ObjectNode> englishPosts, String prefix) {
        return englishPosts.keySet().stream().filter(id -> id.contains("/3l" + prefix)).toList();
    }

    private Properties xProperties(FakeXApi x, String rules) {
        Properties properties = new Properties();
        properties.putAll(shipped);
        properties.setProperty("x.api.base.url", x.baseUri().toString());
        properties.setProperty("x.bearer.token.env", TOKEN_VARIABLE);
        properties.setProperty("x.rules", rules);
        properties.setProperty("x.stall.timeout.seconds", "3");
        properties.setProperty("ingest.metrics.interval.seconds", "1");
        return properties;
    }

    private static CompletableFuture<Void> runInBackground(Ingestion ingestion) {
        return CompletableFuture.runAsync(() -> {
            try {
                ingestion.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Reads the topic from its beginning until every key has arrived; returns the latest value per key. */
    private static Map<String, JsonNode> awaitKeys(String topic, List<String> keys) throws Exception {
        Map<String, JsonNode> byKey = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (TopicReader reader = KAFKA.reader(topic)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).until(() -> {
                KafkaBrokerExtension.drain(reader, records);
                for (ConsumerRecord<String, byte[]> record : records) {
                    byKey.put(record.key(), JSON.readTree(record.value()));
                }
                records.clear();
                return byKey.keySet().containsAll(keys);
            });
        }
        return byKey;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
