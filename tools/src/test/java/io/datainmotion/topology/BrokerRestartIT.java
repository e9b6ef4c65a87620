package io.datainmotion.topology;

import static io.datainmotion.testing.SentimentRuns.assertEveryIdScored;
import static io.datainmotion.testing.SentimentRuns.awaitAll;
import static io.datainmotion.testing.SentimentRuns.tweets;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.datainmotion.testing.DeliveryReport;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.testing.SentimentRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker is stopped and started again on the same port and data directory while the sentiment
 * topology runs and records keep arriving: the topology recovers by itself and loses nothing. A broker
 * of its own, so the restart cannot disturb other tests.
 */
class BrokerRestartIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final SentimentRuns RUNS = new SentimentRuns(KAFKA);

    @Test
    void brokerRestartMidStreamIsSurvivedWithoutHelp() throws Exception {
        Properties properties = RUNS.properties("broker-restart", 2);
        int sent = 3000;
        FluxTopology topology = FluxTopology.load(Path.of("flux/sentiment.yaml"), properties);
        try (LocalStorm storm = LocalStorm.start()) {
            storm.submit(topology);
            CompletableFuture<Void> producing = RUNS.produceSteadily(properties.getProperty("topic.tweets"),
                    tweets("b", sent), 600);
            DeliveryReport report = RUNS.report("broker-restart", properties);
            await().atMost(SentimentRuns.DEADLINE).pollInterval(Duration.ZERO).until(() -> report.poll() >= 500);
            KAFKA.restart();
            producing.get(150, TimeUnit.SECONDS);
            awaitAll(report, sent);
            storm.kill(topology.name());

            assertEveryIdScored(report, "b", sent);
            report.summary(sent);
            assertEquals(0, report.lost(sent));
            report.close();
        }
    }
}
