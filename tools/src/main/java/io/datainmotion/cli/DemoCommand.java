package io.datainmotion.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.datainmotion.dashboard.Dashboard;
import io.datainmotion.kafka.EmbeddedKafkaBroker;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.storage.DatabaseSettings;
import io.datainmotion.storage.EmbeddedPostgresServer;
import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.LocalStorm;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs both pipelines end to end on sample data, with a broker and Storm of its own.",
            "Starts a Kafka broker and a local Storm cluster, runs the shipped topologies from flux/",
            "(sentiment.yaml and sensors-simulated.yaml, and storage.yaml into a PostgreSQL of its own), replays the",
            "bundled sample tweets while simulated sensors stream, prints scored tweets, trend windows, sensor windows",
            "and alerts as they arrive, then a summary and a few results queried back from the database, and shuts",
            "everything down. Exits non-zero if any tweet is unaccounted for or the database misses a result."})
final class DemoCommand implements Callable<Integer> {

    static final String SAMPLE_TWEETS = "/io/datainmotion/samples/tweets.txt";

    /**
     * The simulated sensors, scaled for a demo that ends within a minute: short windows, a bounded
     * stream, and the faults the pipeline handles (duplicates, disorder, late and NaN readings).
     */
    private static final Map<String, String> SENSOR_DEMO_SETTINGS = Map.of(
            "sensors.simulated.sensors", "20",
            "sensors.simulated.count", "4000",
            "sensors.simulated.readings.per.second", "200",
            "sensors.simulated.disorder.ms", "1000",
            "sensors.simulated.late.delay.ms", "30000",
            "sensors.window.seconds", "5",
            "sensors.allowed.lateness.seconds", "2");
    private static final int DEFAULT_DASHBOARD_PORT = 8080;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "120",
            description = "The longest the demo waits for results (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--dashboard-port", paramLabel = "PORT",
            description = "Port of the live dashboard on 127.0.0.1 (default: 8080, or any free port when 8080 is taken; 0: any free port).")
    Integer dashboardPort;

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (durationSeconds <= 0) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        Path dataDir = Files.createTempDirectory("dim-demo-kafka-");
        long started = System.nanoTime();
        try {
            return run(dataDir, started);
        } finally {
            PathUtils.deleteDirectory(dataDir);
        }
    }

    private int run(Path dataDir, long started) throws Exception {
        progress("Starting a Kafka broker (KRaft, 127.0.0.1)...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).start();
                EmbeddedPostgresServer postgres = startPostgres()) {
            Properties properties = FluxTopology.properties(ProjectHome.resolve("flux/local.properties"));
            properties.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
            properties.setProperty("jdbc.url", postgres.jdbcUrl());
            progress(DbCommand.migrate(DatabaseSettings.fromProperties(properties)));
            progress("Broker ready on " + broker.bootstrapServers() + "; creating topics " + LocalStorm.topicsOf(properties));
            LocalStorm.createTopics(broker.bootstrapServers(), properties);
            SENSOR_DEMO_SETTINGS.forEach(properties::setProperty);
            FluxTopology sentiment = FluxTopology.load(ProjectHome.resolve("flux/sentiment.yaml"), properties);
            FluxTopology sensors = FluxTopology.load(ProjectHome.resolve("flux/sensors-simulated.yaml"), properties);
            FluxTopology storage = FluxTopology.load(ProjectHome.resolve("flux/storage.yaml"), properties);

            progress("Starting Storm (LocalCluster); submitting '" + sentiment.name() + "' (flux/sentiment.yaml) and '"
                    + sensors.name() + "' (flux/sensors-simulated.yaml) and '" + storage.name() + "' (flux/storage.yaml)...");
            try (LocalStorm storm = LocalStorm.start();
                 Dashboard dashboard = startDashboard(properties, storm)) {
                progress("Dashboard: http://127.0.0.1:" + dashboard.port() + "/ (live while the demo runs)");
                storm.submit(sentiment);
                storm.submit(sensors);
                storm.submit(storage);
                List<String> tweets = sampleTweets();
                progress("Replaying " + tweets.size() + " sample tweets into '" + properties.getProperty("topic.tweets")
                        + "'; " + properties.getProperty("sensors.simulated.sensors") + " simulated sensors stream "
                        + properties.getProperty("sensors.simulated.count") + " readings in "
                        + properties.getProperty("sensors.window.seconds") + " s windows...");
                produce(broker.bootstrapServers(), properties.getProperty("topic.tweets"), tweets);
                Summary summary = follow(broker.bootstrapServers(), properties, tweets.size(), sensorSeconds());
                storm.kill(sentiment.name());
                storm.kill(sensors.name());
                boolean stored;
                try (HikariDataSource database = DatabaseSettings.fromProperties(properties).open("demo")) {
                    stored = StorageDemo.awaitStored(database, summary.tweetIds.size(), summary.windowKeys.size(),
                            System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
                    storm.kill(storage.name());
                    summary.print(out, tweets.size(), (System.nanoTime() - started) / 1e9);
                    out.printf("%nQueried back from PostgreSQL (%s; try bin/dim sql against your own database):%n",
                            postgres.jdbcUrl());
                    StorageDemo.printQueries(database, out);
                }
                if (!stored) {
                    out.println("The database did not receive every result within 30 s of the pipelines.");
                }
                return summary.accountedFor() >= tweets.size() && summary.sensorWindows > 0 && stored ? 0 : 1;
            }
        }
    }

    private static EmbeddedPostgresServer startPostgres() {
        progress("Starting PostgreSQL (127.0.0.1, a temporary data directory)...");
        return EmbeddedPostgresServer.builder().start();
    }

    private Dashboard startDashboard(Properties properties, LocalStorm storm) {
        int port = dashboardPort == null ? DEFAULT_DASHBOARD_PORT : dashboardPort;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--dashboard-port must be between 0 and 65535");
        }
        try {
            return Dashboard.start(dashboardSettings(properties, storm, port));
        } catch (IllegalStateException e) {
            if (dashboardPort != null) {
                throw e;
            }
            return Dashboard.start(dashboardSettings(properties, storm, 0));
        }
    }

    private static Dashboard.Settings dashboardSettings(Properties properties, LocalStorm storm, int port) {
        return new Dashboard.Settings("127.0.0.1", port, null, properties, storm.cluster(), "LocalCluster", null);
    }

    /** How long the simulated sensors stream, plus two windows for the last ones to close. */
    private static long sensorSeconds() {
        double streaming = Double.parseDouble(SENSOR_DEMO_SETTINGS.get("sensors.simulated.count"))
                / Double.parseDouble(SENSOR_DEMO_SETTINGS.get("sensors.simulated.readings.per.second"));
        return (long) Math.ceil(streaming) + 2 * Long.parseLong(SENSOR_DEMO_SETTINGS.get("sensors.window.seconds"));
    }

    private static List<String> sampleTweets() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE_TWEETS)) {
            if (in == null) {
                throw new IllegalStateException("the sample tweets " + SAMPLE_TWEETS + " are missing from the build");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void produce(String bootstrap, String topic, List<String> lines) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap))) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(topic, line));
            }
            producer.flush();
        }
    }

    /**
     * Prints output records as they arrive until every sent record is accounted for and every scored
     * tweet has reached a closed trend window, or time is up.
     */
    private Summary follow(String bootstrap, Properties properties, int sent, long sensorSeconds) throws IOException {
        String tweetsTopic = properties.getProperty("topic.tweets");
        String sentimentTopic = properties.getProperty("topic.sentiment");
        String deadLetterTopic = properties.getProperty("topic.deadletters");
        String trendsTopic = properties.getProperty("topic.trends");
        String averagesTopic = properties.getProperty("topic.sensor.averages");
        String alertsTopic = properties.getProperty("topic.sensor.alerts");
        Summary summary = new Summary();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(durationSeconds);
        long sensorsDone = started + TimeUnit.SECONDS.toNanos(sensorSeconds);
        out.printf("%n%-9s %7s  %s%n", "SENTIMENT", "POLARITY", "TWEET");
        try (TopicReader reader = new TopicReader(KafkaClients.reader(bootstrap),
                List.of(sentimentTopic, deadLetterTopic, trendsTopic, averagesTopic, alertsTopic), true)) {
            while ((summary.accountedFor() < sent || summary.trendTweets < summary.scored()
                    || System.nanoTime() < sensorsDone) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    JsonNode value = json.readTree(record.value());
                    if (record.topic().equals(sentimentTopic)) {
                        summary.scored(value.get("sentiment").asText());
                        summary.tweetIds.add(value.get("id").asText());
                        out.printf("%-9s %+7.3f  %s%n", value.get("sentiment").asText(),
                                value.get("polarity").asDouble(), oneLine(value.get("tweet").asText(), 100));
                    } else if (record.topic().equals(deadLetterTopic)) {
                        boolean tweet = value.get("source").get("topic").asText().equals(tweetsTopic);
                        if (tweet) {
                            summary.deadLetter(value.get("reason").asText());
                        } else {
                            summary.sensorDeadLetters.merge(value.get("reason").asText(), 1, Integer::sum);
                        }
                        out.printf("%-9s %7s  %s%s: %s%n", "DEAD", "", tweet ? "" : "sensor reading ",
                                value.get("reason").asText(), oneLine(value.get("detail").asText(), 80));
                    } else if (record.topic().equals(averagesTopic)) {
                        summary.sensorWindows++;
                        summary.windowKeys.add(record.key());
                        out.println(windowLine(value));
                    } else if (record.topic().equals(alertsTopic)) {
                        summary.sensorAlerts++;
                        out.printf("ALERT     %s window %s-%s UTC: %.0f%% of readings above the threshold%n",
                                value.get("sensorId").asText(), SECONDS.format(Instant.ofEpochMilli(value.get("windowStart").asLong())),
                                SECONDS.format(Instant.ofEpochMilli(value.get("windowEnd").asLong())),
                                100 * value.get("fractionAboveThreshold").asDouble());
                    } else {
                        summary.trendTweets += value.get("overall").get("count").asLong();
                        out.println(trendLine(value));
                    }
                }
            }
        }
        return summary;
    }

    private static String windowLine(JsonNode window) {
        return String.format("WINDOW    %s %s-%s UTC: %d readings, mean %.2f °C (min %.2f, max %.2f), %.0f%% above the threshold",
                window.get("sensorId").asText(), SECONDS.format(Instant.ofEpochMilli(window.get("windowStart").asLong())),
                SECONDS.format(Instant.ofEpochMilli(window.get("windowEnd").asLong())), window.get("count").asLong(),
                window.get("meanTemperature").asDouble(), window.get("minTemperature").asDouble(),
                window.get("maxTemperature").asDouble(), 100 * window.get("fractionAboveThreshold").asDouble());
    }

    private static String trendLine(JsonNode window) {
        JsonNode overall = window.get("overall");
        StringBuilder line = new StringBuilder(String.format("TREND     window %s-%s UTC: %d tweets, %d positive, %d negative, %d neutral, mean polarity %+.3f",
                TIME.format(Instant.ofEpochMilli(window.get("window_start").asLong())),
                TIME.format(Instant.ofEpochMilli(window.get("window_end").asLong())),
                overall.get("count").asLong(), overall.get("positive").asLong(), overall.get("negative").asLong(),
                overall.get("neutral").asLong(), overall.get("mean_polarity").asDouble()));
        List<String> tags = new ArrayList<>();
        window.get("hashtags").forEach(h -> tags.add(String.format("#%s %d (%+.2f)", h.get("hashtag").asText(),
                h.get("trend").get("count").asLong(), h.get("trend").get("mean_polarity").asDouble())));
        if (!tags.isEmpty()) {
            line.append("; top hashtags: ").append(String.join(", ", tags.subList(0, Math.min(3, tags.size()))));
        }
        return line.toString();
    }

    private static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static void progress(String message) {
        System.err.println("dim demo: " + message);
    }

    private static final class Summary {
        private final Map<String, Integer> labels = new TreeMap<>();
        /** Distinct results, as the database keeps them (a replay may publish one twice). */
        private final Set<String> tweetIds = new HashSet<>();
        private final Set<String> windowKeys = new HashSet<>();
        private long trendTweets;
        private int sensorWindows;
        private int sensorAlerts;
        private final Map<String, Integer> sensorDeadLetters = new TreeMap<>();
        private final Map<String, Integer> reasons = new TreeMap<>();

        void scored(String label) {
            labels.merge(label, 1, Integer::sum);
        }

        void deadLetter(String reason) {
            reasons.merge(reason, 1, Integer::sum);
        }

        int scored() {
            return labels.values().stream().mapToInt(Integer::intValue).sum();
        }

        int accountedFor() {
            return labels.values().stream().mapToInt(Integer::intValue).sum()
                    + reasons.values().stream().mapToInt(Integer::intValue).sum();
        }

        void print(PrintStream out, int sent, double seconds) {
            int scored = labels.values().stream().mapToInt(Integer::intValue).sum();
            int dead = accountedFor() - scored;
            out.printf("%nSummary: %d tweets sent, %d scored, %d dead letters, %d missing (%.1f s)%n",
                    sent, scored, dead, Math.max(0, sent - accountedFor()), seconds);
            List<String> parts = new ArrayList<>();
            labels.forEach((label, n) -> parts.add(label + " " + n));
            out.println("  by sentiment: " + String.join(", ", parts));
            parts.clear();
            reasons.forEach((reason, n) -> parts.add(reason + " " + n));
            out.println("  dead letters by reason: " + (parts.isEmpty() ? "none" : String.join(", ", parts)));
            parts.clear();
            sensorDeadLetters.forEach((reason, n) -> parts.add(reason + " " + n));
            out.printf("Sensors: %d windows averaged, %d alerts; dead-lettered readings: %s%n", sensorWindows,
                    sensorAlerts, parts.isEmpty() ? "none" : String.join(", ", parts));
        }
    }
}
