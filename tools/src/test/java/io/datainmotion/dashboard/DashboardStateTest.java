package io.datainmotion.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DashboardStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DashboardState state = new DashboardState(25.0);

    @Test
    void keepsTheLatestScoredTweetsNewestFirstWithoutCountingThem() throws Exception {
        for (int i = 0; i < 40; i++) {
            state.onScoredTweet(tweet("t" + i, i % 4 == 0 ? "negative" : "positive", "text " + i));
        }
        JsonNode sentiment = state.snapshot().get("sentiment");
        assertEquals(DashboardState.LATEST_TWEETS, sentiment.get("latest").size());
        assertEquals("text 39", sentiment.get("latest").get(0).get("text").asText());
        assertEquals(0, sentiment.get("counts").get("positive").asLong(), "counts come from the trend windows");
    }

    @Test
    void countsAddUpEveryTrendWindowSinceStartOnceEachByLabel() throws Exception {
        for (int minute = 0; minute < DashboardState.TREND_WINDOWS + 5; minute++) {
            state.onTrendWindow(trendOf(minute * 60_000L, 3, 2, 1));
        }
        state.onTrendWindow(trendOf(0, 3, 2, 1));
        JsonNode sentiment = state.snapshot().get("sentiment");
        int windows = DashboardState.TREND_WINDOWS + 5;
        assertEquals(3L * windows, sentiment.get("counts").get("positive").asLong());
        assertEquals(2L * windows, sentiment.get("counts").get("negative").asLong());
        assertEquals(windows, sentiment.get("counts").get("neutral").asLong());
        assertEquals(windows, sentiment.get("countedWindows").asInt());
        assertEquals(DashboardState.TREND_WINDOWS, sentiment.get("trends").size(), "the chart keeps the last hour");
    }

    @Test
    void aReplayedTrendWindowReplacesItsFirstCopyAndHashtagsAreWeightedByTheirTweets() throws Exception {
        state.onTrendWindow(trend(60_000, 4, List.of(Map.of("tag", "a", "count", 3, "mean", 0.5))));
        state.onTrendWindow(trend(0, 2, List.of(Map.of("tag", "a", "count", 1, "mean", -0.5),
                Map.of("tag", "b", "count", 2, "mean", 0.1))));
        state.onTrendWindow(trend(60_000, 4, List.of(Map.of("tag", "a", "count", 3, "mean", 0.5))));

        JsonNode sentiment = state.snapshot().get("sentiment");
        assertEquals(2, sentiment.get("trends").size());
        assertEquals(0, sentiment.get("trends").get(0).get("windowStart").asLong(), "oldest first");
        JsonNode top = sentiment.get("hashtags");
        assertEquals("a", top.get(0).get("hashtag").asText());
        assertEquals(4, top.get(0).get("count").asLong());
        assertEquals((3 * 0.5 - 0.5) / 4, top.get(0).get("meanPolarity").asDouble(), 1e-12);
        assertEquals("b", top.get(1).get("hashtag").asText());
    }

    @Test
    void keepsTheLastHourOfTrendWindows() throws Exception {
        for (int minute = 0; minute < DashboardState.TREND_WINDOWS + 5; minute++) {
            state.onTrendWindow(trend(minute * 60_000L, 1, List.of()));
        }
        JsonNode trends = state.snapshot().get("sentiment").get("trends");
        assertEquals(DashboardState.TREND_WINDOWS, trends.size());
        assertEquals(5 * 60_000L, trends.get(0).get("windowStart").asLong());
    }

    @Test
    void countsDeadLettersBySourceTopicAndReason() throws Exception {
        state.onDeadLetter(deadLetter("tweets", "invalid-json"));
        state.onDeadLetter(deadLetter("tweets", "invalid-json"));
        state.onDeadLetter(deadLetter("sensor-readings", "late"));
        List<String> rows = new ArrayList<>();
        state.snapshot().get("health").get("deadLetters").forEach(row ->
                rows.add(row.get("source").asText() + " " + row.get("reason").asText() + " " + row.get("count").asLong()));
        assertEquals(List.of("sensor-readings late 1", "tweets invalid-json 2"), rows);
    }

    @Test
    void sensorHistoryIsInWindowOrderBoundedAndAReplayIsNotARepeat() throws Exception {
        for (int w = 0; w < DashboardState.SENSOR_HISTORY + 3; w++) {
            state.onSensorWindow(window("s-1", w * 60_000L, 20 + w));
        }
        state.onSensorWindow(window("s-1", (DashboardState.SENSOR_HISTORY + 2) * 60_000L, 99));
        state.onSensorWindow(window("s-1", 10 * 60_000L, 42));
        List<DashboardState.SensorWindow> history = state.sensorHistory("s-1");
        assertEquals(DashboardState.SENSOR_HISTORY, history.size());
        for (int i = 1; i < history.size(); i++) {
            assertTrue(history.get(i - 1).windowStart() < history.get(i).windowStart(), "ascending, no repeats");
        }
        assertEquals(99, history.get(history.size() - 1).mean(), "the newest copy of a replayed window");
        assertEquals(42, history.stream().filter(w -> w.windowStart() == 600_000L).findFirst().orElseThrow().mean());
        assertEquals(List.of(), state.sensorHistory("unknown"));
    }

    @Test
    void theGridShowsEachSensorsNewestWindowInNaturalOrderAndTheHottestWhenFull() throws Exception {
        state.onSensorWindow(window("sensor-10", 0, 20));
        state.onSensorWindow(window("sensor-2", 0, 21));
        state.onSensorWindow(window("sensor-2", 60_000, 30));
        JsonNode grid = state.snapshot().get("sensors").get("grid");
        assertEquals("sensor-2", grid.get(0).get("sensorId").asText());
        assertEquals(30, grid.get(0).get("mean").asDouble());
        assertEquals("sensor-10", grid.get(1).get("sensorId").asText());

        DashboardState many = new DashboardState(25.0);
        for (int s = 0; s < DashboardState.GRID_SENSORS + 100; s++) {
            many.onSensorWindow(window("s" + s, 0, s == 7 ? 80 : 10 + (s % 50) * 0.1));
        }
        JsonNode sensors = many.snapshot().get("sensors");
        assertEquals(DashboardState.GRID_SENSORS + 100, sensors.get("total").asInt());
        assertEquals(DashboardState.GRID_SENSORS, sensors.get("grid").size());
        boolean hottestShown = false;
        for (JsonNode cell : sensors.get("grid")) {
            hottestShown |= cell.get("sensorId").asText().equals("s7");
        }
        assertTrue(hottestShown, "the hottest sensor stays on a full grid");
    }

    @Test
    void aRecordOfTheWrongShapeChangesNothing() throws Exception {
        long before = state.version();
        JsonNode noLabel = JSON.readTree("{\"id\": \"1\", \"tweet\": \"x\", \"polarity\": 0.1, \"scored_at\": 1}");
        assertThrows(IllegalArgumentException.class, () -> state.onScoredTweet(noLabel));
        assertThrows(IllegalArgumentException.class, () -> state.onSensorWindow(JSON.readTree("{\"sensorId\": \"s\"}")));
        assertThrows(IllegalArgumentException.class, () -> state.onTrendWindow(JSON.readTree("[1, 2]")));
        assertEquals(before, state.version());
        assertEquals(0, state.snapshot().get("sentiment").get("latest").size());
    }

    @Test
    void naturalOrderComparesRunsOfDigitsAsNumbers() {
        List<String> ids = new ArrayList<>(List.of("sensor-10", "sensor-2", "sensor-1", "a", "sensor-02x", "sensor-2x"));
        ids.sort(DashboardState::naturalOrder);
        assertEquals(List.of("a", "sensor-1", "sensor-2", "sensor-02x", "sensor-2x", "sensor-10"), ids);
    }

    private static JsonNode tweet(String id, String label, String text) {
        return JSON.valueToTree(Map.of("id", id, "tweet", text, "sentiment", label, "polarity", 0.5, "scored_at", 1L));
    }

    private static JsonNode trendOf(long start, int positive, int negative, int neutral) {
        return JSON.valueToTree(Map.of("window_start", start, "window_end", start + 60_000,
                "overall", Map.of("count", positive + negative + neutral, "positive", positive, "negative", negative,
                        "neutral", neutral, "mean_polarity", 0.1),
                "hashtags", List.of()));
    }

    private static JsonNode trend(long start, int count, List<Map<String, Object>> tags) {
        List<Map<String, Object>> hashtags = tags.stream().map(t -> Map.<String, Object>of("hashtag", t.get("tag"),
                "trend", Map.of("count", t.get("count"), "mean_polarity", t.get("mean")))).toList();
        return JSON.valueToTree(Map.of("window_start", start, "window_end", start + 60_000,
                "overall", Map.of("count", count, "positive", count, "negative", 0, "neutral", 0, "mean_polarity", 0.3),
                "hashtags", hashtags));
    }

    private static JsonNode deadLetter(String sourceTopic, String reason) {
        return JSON.valueToTree(Map.of("reason", reason, "detail", "d", "source",
                Map.of("topic", sourceTopic, "partition", 0, "offset", 1)));
    }

    static JsonNode window(String sensorId, long start, double mean) {
        return JSON.valueToTree(Map.of("sensorId", sensorId, "windowStart", start, "windowEnd", start + 60_000,
                "count", 10, "meanTemperature", mean, "minTemperature", mean - 1, "maxTemperature", mean + 1,
                "fractionAboveThreshold", mean > 25 ? 1.0 : 0.0));
    }
}
