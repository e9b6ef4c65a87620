package io.datainmotion.topology;

import static io.datainmotion.testing.SentimentRuns.assertEveryIdScored;
import static io.datainmotion.testing.SentimentRuns.awaitAll;
import static io.datainmotion.testing.SentimentRuns.tweet;
import static io.datainmotion.testing.SentimentRuns.tweets;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.testing.CsvMetrics;
import io.datainmotion.testing.DeliveryReport;
import io.datainmotion.testing.FlakyCounter;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.testing.SentimentRuns;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection against the real broker and LocalCluster: whatever goes wrong, every input record
 * ends up scored or dead-lettered (none lost); duplicates are allowed by at-least-once and reported.
 * Each test uses topics and a consumer group of its own.
 */
class SentimentFaultsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SentimentRuns RUNS = new SentimentRuns(KAFKA);

    private static LocalStorm storm;

    @BeforeAll
    static void startStorm() {
        storm = LocalStorm.start();
    }

    @AfterEach
    void killWhatATestLeftRunning() {
        storm.killAll();
    }

    @AfterAll
    static void stopStorm() {
        storm.close();
    }

    private static Properties properties(String run) {
        return RUNS.properties(run, 2);
    }

    @Test
    void failedTuplesAreReplayedAndNothingIsLost(@TempDir Path metricsDir) throws Exception {
        Properties properties = properties("flaky");
        // Small batches, so that 3000 tweets make about 150 of them and 10% failures are about 15.
        properties.setProperty("kafka.spout.max.poll.records", "20");
        properties.setProperty("flaky.failure.percent", "10");
        properties.setProperty("flaky.seed", "20261125");
        int sent = 3000;
        int failedBefore = FlakyCounter.FAILED.get();
        FluxTopology topology = FluxTopology.load(Path.of("tools/src/test/resources/flux/sentiment-flaky.yaml"), properties);
        MetricsReporters.addTo(topology.config(), List.of(
                MetricsReporters.reporter(MetricsReporters.Kind.CSV, 1, metricsDir, MetricsReporters.DEFAULT_FILTER)));
        storm.submit(topology);
        KAFKA.produce(properties.getProperty("topic.tweets"), tweets("f", sent));
        DeliveryReport report = RUNS.report("flaky-10-percent-of-batches", properties);
        awaitAll(report, sent);
        storm.kill(topology.name());

        int injected = FlakyCounter.FAILED.get() - failedBefore;
        assertTrue(injected >= 3 && injected <= 60, "about 10% of at least 150 batches failed once: " + injected);
        await("the spout's replay counter sees every injected failure").atMost(Duration.ofSeconds(30))
                .until(() -> CsvMetrics.lastCount(metricsDir, "tweets", "batches.replayed") == injected);
        long replayedRecords = CsvMetrics.lastCount(metricsDir, "tweets", "records.replayed");
        assertTrue(replayedRecords >= injected && replayedRecords <= 20L * injected,
                "each replayed batch held 1 to 20 records: " + replayedRecords);
        assertEveryIdScored(report, "f", sent);
        report.summary(sent);
        assertEquals(0, report.lost(sent));
        report.close();
    }

    @Test
    void aBatchThatNeverSucceedsIsDeadLetteredAfterTheRetryLimitAndItsPartitionMovesOn() throws Exception {
        // One partition, so each record's offset is its position in the list.
        Properties properties = RUNS.properties("stuck", 1);
        properties.setProperty("kafka.spout.max.poll.records", "20");
        properties.setProperty("kafka.spout.max.retries", "2");
        properties.setProperty("stuck.marker", "#never-scored");
        int sent = 300;
        int stuckAt = 150;
        List<byte[]> values = new ArrayList<>(tweets("n", sent));
        values.set(stuckAt, JSON.writeValueAsBytes(Map.of("id", "n" + stuckAt, "text", "Stuck for good #never-scored")));
        FluxTopology topology = FluxTopology.load(Path.of("tools/src/test/resources/flux/sentiment-stuck.yaml"), properties);
        storm.submit(topology);
        KAFKA.produce(properties.getProperty("topic.tweets"), values);
        DeliveryReport report = RUNS.report("retries-exhausted", properties);
        awaitAll(report, sent);
        String group = properties.getProperty("sentiment.consumer.group");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            await("the given-up batch's range is acked, so the commit passes it").atMost(Duration.ofSeconds(60))
                    .until(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                            .mapToLong(offset -> offset.offset()).sum() == sent);
        }
        storm.kill(topology.name());

        Map<DeliveryReport.Source, String> letters = report.deadLetterReasons();
        assertTrue(letters.containsKey(new DeliveryReport.Source(0, stuckAt)), "the marked tweet: " + letters.keySet());
        assertTrue(letters.size() <= 20, "only its batch of at most 20: " + letters.size());
        letters.values().forEach(reason -> assertEquals("retries-exhausted", reason));
        long first = letters.keySet().stream().mapToLong(DeliveryReport.Source::offset).min().orElseThrow();
        long last = letters.keySet().stream().mapToLong(DeliveryReport.Source::offset).max().orElseThrow();
        assertEquals(letters.size(), last - first + 1, "one batch: consecutive offsets");
        for (long offset = 0; offset < sent; offset++) {
            if (offset < first || offset > last) {
                assertTrue(report.outputs().containsKey(new DeliveryReport.Source(0, offset)), "scored: offset " + offset);
            }
        }
        assertEquals(List.of(), report.inBoth());
        report.summary(sent);
        assertEquals(0, report.lost(sent));
        report.close();
    }

    @Test
    void killedMidStreamAndResubmittedItResumesFromCommittedOffsets() throws Exception {
        Properties properties = properties("resubmit");
        int sent = 4000;
        FluxTopology topology = FluxTopology.load(Path.of("flux/sentiment.yaml"), properties);
        storm.submit(topology);
        CompletableFuture<Void> producing = RUNS.produceSteadily(properties.getProperty("topic.tweets"), tweets("k", sent), 800);
        DeliveryReport report = RUNS.report("kill-and-resubmit", properties);
        await().atMost(SentimentRuns.DEADLINE).pollInterval(Duration.ZERO).until(() -> report.poll() >= 800);
        storm.kill(topology.name());
        int beforeResubmit = report.poll();
        assertTrue(beforeResubmit < sent, "killed mid-stream, after " + beforeResubmit + " of " + sent);

        storm.submit(FluxTopology.load(Path.of("flux/sentiment.yaml"), properties));
        producing.get(60, TimeUnit.SECONDS);
        awaitAll(report, sent);
        storm.kill(topology.name());

        assertEveryIdScored(report, "k", sent);
        report.summary(sent);
        assertEquals(0, report.lost(sent));
        report.close();
    }

    /**
     * Output throttled by a broker quota: the spout keeps at most max.spout.pending batches in flight and
     * the backlog waits in Kafka (its lag), not in the worker; lifting the quota drains it, nothing lost.
     */
    @Test
    void slowOutputHoldsTheBacklogInKafkaNotInTheWorker(@TempDir Path metricsDir) throws Exception {
        Properties properties = RUNS.properties("backpressure", 1);
        int pendingBatches = 5;
        int batchSize = 10;
        properties.setProperty("sentiment.max.spout.pending.batches", Integer.toString(pendingBatches));
        properties.setProperty("kafka.spout.max.poll.records", Integer.toString(batchSize));
        int sent = 2000;
        KAFKA.produce(properties.getProperty("topic.tweets"), tweets("s", sent));
        ClientQuotaEntity everyClient = new ClientQuotaEntity(Collections.singletonMap(ClientQuotaEntity.CLIENT_ID, null));
        setProducerQuota(everyClient, 4_000.0);
        FluxTopology topology = FluxTopology.load(Path.of("flux/sentiment.yaml"), properties);
        MetricsReporters.addTo(topology.config(), List.of(
                MetricsReporters.reporter(MetricsReporters.Kind.CSV, 1, metricsDir, ".*-records\\..*")));
        DeliveryReport report = RUNS.report("slow-output", properties);
        try {
            storm.submit(topology);
            await("the throttled pipeline reports its spout a few times").atMost(SentimentRuns.DEADLINE)
                    .until(() -> CsvMetrics.history(metricsDir, "tweets", "records.acked").size() >= 6);
            report.poll();
            assertTrue(report.accountedFor() < sent / 2, "throttled: " + report.accountedFor() + " of " + sent);
            List<Long> emitted = CsvMetrics.history(metricsDir, "tweets", "records.emitted");
            List<Long> acked = CsvMetrics.history(metricsDir, "tweets", "records.acked");
            long lag = CsvMetrics.lastCount(metricsDir, "tweets", "records.lag");
            long maxInFlight = 0;
            for (int i = 0; i < Math.min(emitted.size(), acked.size()); i++) {
                maxInFlight = Math.max(maxInFlight, emitted.get(i) - acked.get(i));
            }
            assertTrue(maxInFlight <= (long) pendingBatches * batchSize, "in flight at most " + pendingBatches
                    + " batches of " + batchSize + ": " + maxInFlight + " (emitted " + emitted + ", acked " + acked + ")");
            assertTrue(lag >= sent / 2, "the backlog waits in Kafka: spout lag " + lag);
        } finally {
            setProducerQuota(everyClient, null);
        }
        awaitAll(report, sent);
        storm.kill(topology.name());
        assertEveryIdScored(report, "s", sent);
        report.summary(sent);
        assertEquals(0, report.lost(sent));
        report.close();
    }

    private static void setProducerQuota(ClientQuotaEntity entity, Double bytesPerSecond) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(KAFKA.bootstrapServers()))) {
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond))))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndConsumptionGoesOn() throws Exception {
        // One partition, so each record's offset is its position in the list.
        Properties properties = RUNS.properties("poison", 1);
        properties.setProperty("tweets.max.bytes", "2048");
        byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
        Arrays.fill(fiveMegabytes, (byte) 'a');
        Map<String, byte[]> poison = new HashMap<>();
        poison.put("invalid-json", "{\"id\": \"p\", \"text\": ".getBytes(StandardCharsets.UTF_8));
        poison.put("invalid-field", "{\"id\": \"p\", \"text\": {\"nested\": true}}".getBytes(StandardCharsets.UTF_8));
        poison.put("empty-text", "{\"id\": \"p\", \"text\": \"\"}".getBytes(StandardCharsets.UTF_8));
        poison.put("too-large", ("{\"text\": \"" + "long ".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8));
        poison.put("invalid-utf8", new byte[] {'b', 'a', 'd', ' ', (byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28});
        poison.put("null-value", null);
        poison.put("too-large-5mb", fiveMegabytes);

        List<byte[]> values = new ArrayList<>();
        Map<Integer, String> expectedReason = new HashMap<>();
        int good = 0;
        for (int round = 0; round < 20; round++) {
            for (Map.Entry<String, byte[]> bad : poison.entrySet()) {
                if (bad.getKey().equals("too-large-5mb") && round >= 2) {
                    continue;
                }
                expectedReason.put(values.size(), bad.getKey().replace("-5mb", ""));
                values.add(bad.getValue());
                values.add(tweet("g" + good, good++));
            }
            values.add(JSON.writeValueAsBytes(Map.of("id", "g" + good, "text", "Unknown fields are fine",
                    "lang", "en", "retweets", 3)));
            good++;
        }
        FluxTopology topology = FluxTopology.load(Path.of("flux/sentiment.yaml"), properties);
        storm.submit(topology);
        KAFKA.produce(properties.getProperty("topic.tweets"), values);
        DeliveryReport report = RUNS.report("poison-records", properties);
        awaitAll(report, values.size());
        storm.kill(topology.name());

        Map<Long, String> reasonsByOffset = new HashMap<>();
        report.deadLetterReasons().forEach((source, reason) -> reasonsByOffset.put(source.offset(), reason));
        Map<Long, String> expectedByOffset = new HashMap<>();
        expectedReason.forEach((index, reason) -> expectedByOffset.put(index.longValue(), reason));
        assertEquals(expectedByOffset, reasonsByOffset, "every poison record, by offset, with its reason");
        assertEveryIdScored(report, "g", good);
        report.summary(values.size());
        assertEquals(0, report.lost(values.size()));
        report.close();
    }
}
