package io.datainmotion.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.batch.KafkaSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.storm.generated.Nimbus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: reads the pipelines' output topics and the health of Kafka and Storm into
 * one {@link DashboardState} and serves it to browsers, one snapshot every {@link #PUSH_PERIOD} at most
 * however fast the input arrives.
 *
 * <p>It usually runs on the machine of the topology it watches, whose CPU it takes: every wake-up
 * counts. Hence a snapshot every 2 s, still live to a person watching, at half the work of one a second
 * for the server and the browser, and the health probes every 4 s (their rates are averages over the period).
 */
public final class Dashboard implements AutoCloseable {

    static final Duration PUSH_PERIOD = Duration.ofSeconds(2);
    private static final Duration PROBE_PERIOD = Duration.ofSeconds(4);
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    /**
     * What to serve and from where. {@code properties} are Flux properties (bootstrap servers, topic
     * names, threshold, Kafka security); {@code nimbus} and {@code history} may be null (no Storm
     * statistics; sensor history kept in memory since start).
     */
    public record Settings(String bind, int port, String token, Properties properties, Nimbus.Iface nimbus,
                           String nimbusDescription, SensorHistory history) {

        public Settings {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("the dashboard token is empty");
            }
            if (token == null && !isLoopback(bind)) {
                throw new IllegalArgumentException("binding the dashboard to " + bind
                        + " exposes it beyond this machine; that needs a token");
            }
        }
    }

    private final DashboardState state;
    private final Admin admin;
    private final TopicFeed feed;
    private final LatestTweets latestTweets;
    private final Thread feedThread;
    private final ScheduledExecutorService scheduler;
    private final DashboardServer server;
    private final ObjectMapper json = new ObjectMapper();
    private long pushedVersion = -1;

    private Dashboard(Settings settings) {
        Properties properties = settings.properties();
        DashboardTopics topics = DashboardTopics.from(properties);
        String bootstrap = properties.getProperty("kafka.bootstrap.servers");
        Map<String, Object> security = KafkaSecurity.fromProperties(properties, System.getenv());
        Map<String, Object> adminConfig = new HashMap<>(KafkaClients.admin(bootstrap));
        adminConfig.putAll(security);
        Map<String, Object> readerConfig = new HashMap<>(KafkaClients.reader(bootstrap));
        readerConfig.putAll(security);
        readerConfig.put("client.id", "dim-dashboard");
        readerConfig.put("max.poll.records", 5_000);

        state = new DashboardState(topics.thresholdCelsius());
        admin = Admin.create(adminConfig);
        KafkaProbe kafka = new KafkaProbe(admin);
        StormProbe storm = settings.nimbus() == null ? null : new StormProbe(settings.nimbus());
        feed = new TopicFeed(readerConfig, kafka::topics, topics, state);
        latestTweets = new LatestTweets(readerConfig, topics.sentiment(), kafka::topics, state);
        feedThread = new Thread(feed, "dashboard-topic-feed");
        feedThread.setDaemon(true);
        SensorHistory history = settings.history() == null ? state::sensorHistory : settings.history();
        try {
            server = new DashboardServer(settings.bind(), settings.port(), settings.token(), history, snapshot());
        } catch (RuntimeException e) {
            admin.close();
            throw new IllegalStateException("cannot serve the dashboard on " + settings.bind() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        feedThread.start();
        scheduler = Executors.newScheduledThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "dashboard-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long probeMillis = PROBE_PERIOD.toMillis();
        long pushMillis = PUSH_PERIOD.toMillis();
        scheduler.scheduleWithFixedDelay(() -> probeKafka(kafka), 0, probeMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> probeStorm(storm, settings.nimbusDescription()), 0,
                probeMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::readLatestTweets, 0, pushMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::pushIfChanged, 0, pushMillis, TimeUnit.MILLISECONDS);
    }

    public static Dashboard start(Settings settings) {
        return new Dashboard(settings);
    }

    public int port() {
        return server.port();
    }

    /** Pages with an open event stream. */
    public int openPages() {
        return server.openPages();
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown address to bind: " + host);
        }
    }

    private void probeKafka(KafkaProbe kafka) {
        try {
            state.onKafkaHealth(kafka.sample());
        } catch (RuntimeException e) {
            if (!scheduler.isShutdown()) {
                LOG.warn("Kafka health: {}", e.getMessage());
            }
        }
    }

    private void readLatestTweets() {
        try {
            latestTweets.read();
        } catch (RuntimeException e) {
            if (!scheduler.isShutdown()) {
                LOG.warn("latest scored tweets: {}", e.getMessage());
            }
        }
    }

    private void probeStorm(StormProbe storm, String description) {
        if (storm == null) {
            return;
        }
        try {
            List<ComponentHealth> components = storm.components();
            state.onStormHealth(components, components.isEmpty() ? description + ": no topology running" : description);
        } catch (Exception e) {
            state.onStormHealth(List.of(), description + " unreachable: " + e.getMessage());
        }
    }

    private void pushIfChanged() {
        try {
            long version = state.version();
            if (version != pushedVersion) {
                pushedVersion = version;
                server.push(snapshot());
            }
        } catch (RuntimeException e) {
            LOG.warn("pushing a snapshot: {}", e.getMessage());
        }
    }

    private String snapshot() {
        try {
            return json.writeValueAsString(state.snapshot());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops pushing first, then the pages' streams and the server, then the readers. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        feed.stop();
        try {
            feedThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        latestTweets.close();
        admin.close();
    }
}
