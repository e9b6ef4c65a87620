package io.datainmotion.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything the page shows, aggregated on the server from the pipelines' output records and the
 * health probes, so that the browser receives one bounded snapshot however fast the input is.
 * Thread-safe: the topic feed, the probes and the push thread share one instance.
 */
public final class DashboardState {

    static final int LATEST_TWEETS = 25;
    static final int TREND_WINDOWS = 60;
    static final int TOP_HASHTAGS = 10;
    static final int LATEST_ALERTS = 25;
    /** Windows kept per sensor when no database holds the history. */
    static final int SENSOR_HISTORY = 60;
    /** Sensors on the grid; beyond it the hottest are shown, so an alerting sensor is never hidden. */
    static final int GRID_SENSORS = 400;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final double thresholdCelsius;
    private static final List<String> LABELS = List.of("positive", "negative", "neutral");

    /** Every trend window since start by its start: tweets per label, what the counts add up. */
    private final TreeMap<Long, long[]> labelCountsByWindow = new TreeMap<>();
    private final Deque<ObjectNode> latestTweets = new ArrayDeque<>();
    private final TreeMap<Long, JsonNode> trendWindows = new TreeMap<>();
    private final Map<String, Deque<SensorWindow>> sensorHistory = new HashMap<>();
    private final Deque<ObjectNode> latestAlerts = new ArrayDeque<>();
    private final Map<String, Map<String, Long>> deadLettersBySource = new TreeMap<>();
    private long unreadable;
    private OffsetSample.Health kafkaHealth = new OffsetSample.Health(0, List.of(), List.of());
    private List<ComponentHealth> components = List.of();
    private String stormStatus = "no Storm cluster configured";
    private long version;

    public DashboardState(double thresholdCelsius) {
        this.thresholdCelsius = thresholdCelsius;
    }

    /** One sensor window, from sensor-averages or the sensor_windows table. */
    public record SensorWindow(String sensorId, long windowStart, long windowEnd, long readings, double mean,
                               double min, double max, double fractionAboveThreshold) {

        static SensorWindow fromAverage(JsonNode value) {
            return new SensorWindow(text(value, "sensorId"), number(value, "windowStart").asLong(),
                    number(value, "windowEnd").asLong(), number(value, "count").asLong(),
                    number(value, "meanTemperature").asDouble(), number(value, "minTemperature").asDouble(),
                    number(value, "maxTemperature").asDouble(), number(value, "fractionAboveThreshold").asDouble());
        }

        ObjectNode toJson() {
            ObjectNode node = NODES.objectNode();
            node.put("sensorId", sensorId);
            node.put("windowStart", windowStart);
            node.put("windowEnd", windowEnd);
            node.put("readings", readings);
            node.put("mean", mean);
            node.put("min", min);
            node.put("max", max);
            node.put("fractionAboveThreshold", fractionAboveThreshold);
            return node;
        }
    }

    /** A record of twitter_sentiment: one of the latest scored tweets, listed, not counted (see {@link #onTrendWindow}). */
    public synchronized void onScoredTweet(JsonNode value) {
        String label = text(value, "sentiment");
        ObjectNode tweet = NODES.objectNode();
        tweet.put("id", text(value, "id"));
        tweet.put("text", text(value, "tweet"));
        tweet.put("sentiment", label);
        tweet.put("polarity", number(value, "polarity").asDouble());
        tweet.put("scoredAt", number(value, "scored_at").asLong());
        latestTweets.addFirst(tweet);
        if (latestTweets.size() > LATEST_TWEETS) {
            latestTweets.removeLast();
        }
        version++;
    }

    /**
     * A record of sentiment-trends: one closed one-minute window, whose tweets by label the counts
     * add up. A replayed window replaces the earlier copy (same key), so it is not counted twice.
     */
    public synchronized void onTrendWindow(JsonNode value) {
        long windowStart = number(value, "window_start").asLong();
        JsonNode overall = value.path("overall");
        long[] byLabel = new long[LABELS.size()];
        for (int i = 0; i < byLabel.length; i++) {
            byLabel[i] = number(overall, LABELS.get(i)).asLong();
        }
        labelCountsByWindow.put(windowStart, byLabel);
        trendWindows.put(windowStart, value);
        while (trendWindows.size() > TREND_WINDOWS) {
            trendWindows.pollFirstEntry();
        }
        version++;
    }

    /** A record of dead-letters, counted by the topic its input came from and its reason. */
    public synchronized void onDeadLetter(JsonNode value) {
        String reason = text(value, "reason");
        String source = value.path("source").path("topic").asText("unknown");
        deadLettersBySource.computeIfAbsent(source, s -> new TreeMap<>()).merge(reason, 1L, Long::sum);
        version++;
    }

    /** A record of sensor-averages: the sensor's newest window and one more point of its history. */
    public synchronized void onSensorWindow(JsonNode value) {
        SensorWindow window = SensorWindow.fromAverage(value);
        Deque<SensorWindow> history = sensorHistory.computeIfAbsent(window.sensorId(), id -> new ArrayDeque<>());
        if (history.isEmpty() || history.peekLast().windowStart() < window.windowStart()) {
            history.addLast(window);
        } else if (history.peekLast().windowStart() == window.windowStart()) {
            history.removeLast();
            history.addLast(window);
        } else {
            // A sensor's windows come in order; an older one is a replay from before a restart.
            List<SensorWindow> sorted = new ArrayList<>(history);
            sorted.removeIf(w -> w.windowStart() == window.windowStart());
            sorted.add(window);
            sorted.sort(Comparator.comparingLong(SensorWindow::windowStart));
            history.clear();
            history.addAll(sorted);
        }
        while (history.size() > SENSOR_HISTORY) {
            history.removeFirst();
        }
        version++;
    }

    /** A record of sensor-alerts. */
    public synchronized void onAlert(JsonNode value) {
        ObjectNode alert = NODES.objectNode();
        alert.put("sensorId", text(value, "sensorId"));
        alert.put("windowStart", number(value, "windowStart").asLong());
        alert.put("windowEnd", number(value, "windowEnd").asLong());
        alert.put("fractionAboveThreshold", number(value, "fractionAboveThreshold").asDouble());
        alert.put("meanTemperature", value.path("meanTemperature").asDouble(Double.NaN));
        alert.put("maxTemperature", value.path("maxTemperature").asDouble(Double.NaN));
        latestAlerts.addFirst(alert);
        if (latestAlerts.size() > LATEST_ALERTS) {
            latestAlerts.removeLast();
        }
        version++;
    }

    /** A record that is not what its topic should hold: counted, not shown. */
    public synchronized void onUnreadable() {
        unreadable++;
        version++;
    }

    public synchronized void onKafkaHealth(OffsetSample.Health health) {
        kafkaHealth = health;
        version++;
    }

    /** The components of the reachable cluster's topologies, or why none are shown. */
    public synchronized void onStormHealth(List<ComponentHealth> latest, String status) {
        components = List.copyOf(latest);
        stormStatus = status;
        version++;
    }

    /** Changes with every update: the push thread sends a snapshot only when it moved. */
    public synchronized long version() {
        return version;
    }

    /** The windows kept since start for one sensor, oldest first. */
    public synchronized List<SensorWindow> sensorHistory(String sensorId) {
        return List.copyOf(sensorHistory.getOrDefault(sensorId, new ArrayDeque<>()));
    }

    public synchronized ObjectNode snapshot() {
        ObjectNode root = NODES.objectNode();
        root.put("version", version);
        root.set("sentiment", sentiment());
        root.set("sensors", sensors());
        root.set("health", health());
        return root;
    }

    private ObjectNode sentiment() {
        ObjectNode sentiment = NODES.objectNode();
        ObjectNode counts = sentiment.putObject("counts");
        long[] totals = new long[LABELS.size()];
        for (long[] byLabel : labelCountsByWindow.values()) {
            for (int i = 0; i < totals.length; i++) {
                totals[i] += byLabel[i];
            }
        }
        for (int i = 0; i < totals.length; i++) {
            counts.put(LABELS.get(i), totals[i]);
        }
        sentiment.put("countedWindows", labelCountsByWindow.size());
        ArrayNode latest = sentiment.putArray("latest");
        latestTweets.forEach(latest::add);
        ArrayNode trends = sentiment.putArray("trends");
        Map<String, double[]> hashtags = new HashMap<>();
        for (JsonNode window : trendWindows.values()) {
            JsonNode overall = window.path("overall");
            ObjectNode point = trends.addObject();
            point.put("windowStart", window.path("window_start").asLong());
            point.put("windowEnd", window.path("window_end").asLong());
            for (String field : List.of("count", "positive", "negative", "neutral")) {
                point.put(field, overall.path(field).asLong());
            }
            point.put("meanPolarity", overall.path("mean_polarity").asDouble());
            for (JsonNode tag : window.path("hashtags")) {
                long count = tag.path("trend").path("count").asLong();
                double[] sums = hashtags.computeIfAbsent(tag.path("hashtag").asText(), t -> new double[2]);
                sums[0] += count;
                sums[1] += count * tag.path("trend").path("mean_polarity").asDouble();
            }
        }
        ArrayNode top = sentiment.putArray("hashtags");
        hashtags.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_HASHTAGS)
                .forEach(e -> {
                    ObjectNode tag = top.addObject();
                    tag.put("hashtag", e.getKey());
                    tag.put("count", (long) e.getValue()[0]);
                    tag.put("meanPolarity", e.getValue()[0] == 0 ? 0 : e.getValue()[1] / e.getValue()[0]);
                });
        return sentiment;
    }

    private ObjectNode sensors() {
        ObjectNode sensors = NODES.objectNode();
        sensors.put("threshold", thresholdCelsius);
        sensors.put("total", sensorHistory.size());
        List<SensorWindow> newest = sensorHistory.values().stream().map(Deque::peekLast).toList();
        if (newest.size() > GRID_SENSORS) {
            newest = newest.stream().sorted(Comparator.comparingDouble(SensorWindow::mean).reversed())
                    .limit(GRID_SENSORS).toList();
        }
        ArrayNode grid = sensors.putArray("grid");
        newest.stream().sorted(Comparator.comparing(SensorWindow::sensorId, DashboardState::naturalOrder))
                .forEach(w -> grid.add(w.toJson()));
        ArrayNode alerts = sensors.putArray("alerts");
        latestAlerts.forEach(alerts::add);
        return sensors;
    }

    private ObjectNode health() {
        ObjectNode health = NODES.objectNode();
        health.put("sampledAt", kafkaHealth.sampledAt());
        ArrayNode topics = health.putArray("topics");
        kafkaHealth.topics().forEach(t -> {
            ObjectNode topic = topics.addObject();
            topic.put("topic", t.topic());
            topic.put("records", t.records());
            topic.put("inPerSecond", t.inPerSecond());
            topic.put("outPerSecond", t.outPerSecond());
        });
        ArrayNode groups = health.putArray("groups");
        kafkaHealth.groups().forEach(g -> {
            ObjectNode group = groups.addObject();
            group.put("group", g.group());
            group.put("topic", g.topic());
            group.put("lag", g.lag());
            group.put("consumedPerSecond", g.consumedPerSecond());
        });
        ArrayNode deadLetters = health.putArray("deadLetters");
        deadLettersBySource.forEach((source, reasons) -> reasons.forEach((reason, n) -> {
            ObjectNode row = deadLetters.addObject();
            row.put("source", source);
            row.put("reason", reason);
            row.put("count", n);
        }));
        health.put("unreadableRecords", unreadable);
        health.put("storm", stormStatus);
        ArrayNode rows = health.putArray("components");
        components.forEach(c -> {
            ObjectNode row = rows.addObject();
            row.put("topology", c.topology());
            row.put("component", c.component());
            row.put("type", c.type());
            row.put("executors", c.executors());
            row.put("emitted", c.emitted());
            row.put("acked", c.acked());
            row.put("failed", c.failed());
            row.put("capacity", c.capacity());
            row.put("latencyMs", c.latencyMs());
        });
        return health;
    }

    /** sensor-2 before sensor-10: runs of digits compare as numbers. */
    static int naturalOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = i;
                int endB = j;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                String digitsA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
                String digitsB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
                int byValue = digitsA.length() != digitsB.length()
                        ? Integer.compare(digitsA.length(), digitsB.length()) : digitsA.compareTo(digitsB);
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j) != 0
                ? Integer.compare(a.length() - i, b.length() - j) : a.compareTo(b);
    }

    private static String text(JsonNode value, String field) {
        JsonNode node = value.get(field);
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException("no " + field);
        }
        return node.asText();
    }

    private static JsonNode number(JsonNode value, String field) {
        JsonNode node = value.get(field);
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("no number " + field);
        }
        return node;
    }
}
