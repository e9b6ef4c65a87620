package io.datainmotion.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.LocalStorm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless chromium, fed by the shipped sentiment topology on a LocalCluster
 * against a real broker (sensor windows are written to their topic directly): the page shows what
 * the test produced, renders hostile text as text, updates its charts without a reload, reconnects
 * after a server restart, and logs no errors.
 */
class DashboardBrowserIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> POSITIVE = List.of(
            "I love this new phone, it is wonderful #phone",
            "What a great day, thank you all so much! #friday",
            "The concert was amazing and the crowd was fantastic #live");
    private static final List<String> NEGATIVE = List.of(
            "I hate waiting in this terrible queue #queue",
            "The service was awful and the food was disgusting #food",
            "Worst experience ever, I am so angry #support");
    private static final List<String> NEUTRAL = List.of(
            "The meeting is at 3pm in room 204",
            "The train leaves from platform 9",
            "Version 2.1 was released on Tuesday");
    static final String HOSTILE_TWEET = "<img src=x onerror=\"window.__injected='img';console.error('injected')\">"
            + "<script>window.__injected='script'</script> still just a tweet";

    private static Properties properties;
    private static LocalStorm storm;
    private static ChromeDriver browser;
    private static Dashboard dashboard;
    private static int tweetNumber;

    @BeforeAll
    static void start() throws Exception {
        properties = KAFKA.shippedProperties();
        properties.setProperty("trends.idle.flush.seconds", "1");
        KAFKA.createTopics(LocalStorm.topicsOf(properties), 1);
        KAFKA.createTopics(List.of("sensor-averages", "sensor-alerts"), 1);
        storm = LocalStorm.start();
        storm.submit(FluxTopology.load(Path.of("flux/sentiment.yaml"), properties));
        browser = HeadlessChromium.start(1400, 2000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (storm != null) {
            storm.close();
        }
    }

    private static Dashboard startDashboard(int port) {
        return Dashboard.start(new Dashboard.Settings("127.0.0.1", port, null, properties, storm.cluster(),
                "LocalCluster", null));
    }

    @Test
    void showsBothPipelinesLiveSafelyAndReconnects() throws Exception {
        dashboard = startDashboard(0);
        int port = dashboard.port();
        browser.get("http://127.0.0.1:" + port + "/");
        browser.executeScript("window.__loadedOnce = 'yes'");
        awaitText("connection", "live");

        Instant firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        List<byte[]> first = new ArrayList<>();
        first.addAll(tweets(POSITIVE, 4, firstMinute));
        first.addAll(tweets(NEGATIVE, 3, firstMinute));
        first.addAll(tweets(NEUTRAL, 5, firstMinute));
        first.add("{\"text\": \"unclosed".getBytes());
        KAFKA.produce(properties.getProperty("topic.tweets"), first);

        awaitText("count-positive", "4");
        awaitText("count-negative", "3");
        awaitText("count-neutral", "5");
        awaitPage(() -> rowsOf("dead-letters").contains(List.of("tweets", "invalid-json", "1")));
        awaitPage(() -> Integer.parseInt(attribute("trends-chart", "data-windows")) == 1);
        String chartBefore = trendsChartPixels();

        Instant secondMinute = firstMinute.plus(1, ChronoUnit.MINUTES);
        List<byte[]> second = new ArrayList<>(tweets(POSITIVE, 2, secondMinute));
        second.add(JSON.writeValueAsBytes(Map.of("id", "hostile", "text", HOSTILE_TWEET,
                "created_at", secondMinute.toEpochMilli() + 30_000)));
        KAFKA.produce(properties.getProperty("topic.tweets"), second);

        awaitPage(() -> Integer.parseInt(attribute("trends-chart", "data-windows")) == 2);
        awaitPage(() -> labelTotal() == 15);
        assertTrue(Long.parseLong(text("count-positive")) >= 6, "the two new positive tweets are counted");
        assertTrue(rowsOf("tweets").stream().anyMatch(row -> row.get(2).equals(HOSTILE_TWEET)),
                "the hostile tweet is shown literally");
        assertEquals(0, browser.findElements(By.cssSelector("#tweets img, #tweets script")).size(),
                "no element was made from a tweet");
        assertNull(browser.executeScript("return window.__injected === undefined ? null : window.__injected"),
                "no script from a tweet ran");
        assertEquals("yes", browser.executeScript("return window.__loadedOnce"), "the page was never reloaded");
        assertNotEquals(chartBefore, trendsChartPixels(), "the trends chart was redrawn with the new window");
        assertTrue(rowsOf("hashtags").stream().anyMatch(row -> row.get(0).equals("#phone")), "top hashtags");

        produceSensorWindows();
        awaitPage(() -> browser.findElements(By.cssSelector("#sensor-grid button")).size() == 7);
        WebElement hostileSensor = browser.findElement(By.cssSelector("#sensor-grid button[data-sensor='<i>x</i>']"));
        assertTrue(hostileSensor.getText().startsWith("<i>x</i>"), "a sensor id is shown as text");
        assertEquals(0, browser.findElements(By.cssSelector("#sensor-grid i")).size());
        assertEquals("hot", browser.findElement(By.cssSelector("#sensor-grid button[data-sensor='sensor-3']"))
                .getAttribute("class"));
        awaitPage(() -> rowsOf("alerts").stream().anyMatch(row -> row.get(0).equals("sensor-3")));
        browser.findElement(By.cssSelector("#sensor-grid button[data-sensor='sensor-3']")).click();
        awaitPage(() -> attribute("history-chart", "data-points").equals("4"));
        awaitText("history-title", "History of sensor-3: 4 windows");

        awaitPage(() -> rowsOf("groups").stream().anyMatch(row ->
                row.get(0).equals(properties.getProperty("sentiment.consumer.group")) && row.get(2).equals("0")));
        awaitPage(() -> rowsOf("topics").stream().anyMatch(row ->
                row.get(0).equals("twitter_sentiment") && row.get(1).equals("15")));
        awaitPage(() -> rowsOf("components").stream().anyMatch(row ->
                row.get(1).equals("score") && row.get(2).equals("bolt")));
        saveScreenshot("dashboard.png");
        assertEquals(List.of(), HeadlessChromium.consoleErrors(browser), "console errors");

        dashboard.close();
        awaitText("connection", "reconnecting…");
        dashboard = startDashboard(port);
        awaitText("connection", "live");
        // In a minute not closed yet: the counts add up closed trend windows, which a late tweet does not reopen.
        KAFKA.produce(properties.getProperty("topic.tweets"), tweets(NEGATIVE, 2, secondMinute.plus(1, ChronoUnit.MINUTES)));
        awaitPage(() -> labelTotal() == 17);
        assertTrue(rowsOf("tweets").stream().anyMatch(row -> row.get(2).equals(HOSTILE_TWEET)),
                "the restarted server lists the newest tweets from before its start too");
        assertEquals("yes", browser.executeScript("return window.__loadedOnce"), "reconnected without a reload");
        List<String> errors = HeadlessChromium.consoleErrors(browser).stream()
                .filter(message -> !(message.contains("/events") && message.contains("ERR_CONNECTION_REFUSED")))
                .toList();
        assertEquals(List.of(), errors, "console errors other than the refused reconnects while the server was down");
    }

    private static List<byte[]> tweets(List<String> texts, int count, Instant minute) throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tweetNumber++;
            records.add(JSON.writeValueAsBytes(Map.of("id", "t" + tweetNumber, "text", texts.get(i % texts.size()),
                    "created_at", minute.toEpochMilli() + 1000L * (i + 1))));
        }
        return records;
    }

    /** Windows of six sensors (sensor-3 four of them, above the threshold) and one with a hostile id. */
    private static void produceSensorWindows() throws Exception {
        long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES).toEpochMilli();
        List<String> averages = new ArrayList<>();
        for (int sensor = 1; sensor <= 6; sensor++) {
            int windows = sensor == 3 ? 4 : 1;
            for (int w = 0; w < windows; w++) {
                double mean = sensor == 3 ? 26.0 + w : 18.0 + sensor;
                averages.add(window("sensor-" + sensor, start + w * 60_000L, mean));
            }
        }
        averages.add(window("<i>x</i>", start, 20.5));
        KAFKA.produceLines("sensor-averages", averages);
        KAFKA.produceLines("sensor-alerts", List.of(JSON.writeValueAsString(Map.of("sensorId", "sensor-3",
                "windowStart", start + 180_000L, "windowEnd", start + 240_000L, "fractionAboveThreshold", 0.9,
                "alertLevel", "high", "thresholdCelsius", 25.0, "meanTemperature", 29.0, "maxTemperature", 31.5))));
    }

    private static String window(String sensorId, long start, double mean) throws Exception {
        return JSON.writeValueAsString(Map.of("sensorId", sensorId, "windowStart", start, "windowEnd", start + 60_000L,
                "count", 60, "meanTemperature", mean, "minTemperature", mean - 1.5, "maxTemperature", mean + 2.5,
                "fractionAboveThreshold", mean > 25 ? 0.9 : 0.0));
    }

    private static long labelTotal() {
        return Long.parseLong(text("count-positive")) + Long.parseLong(text("count-negative"))
                + Long.parseLong(text("count-neutral"));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getAttribute(name);
    }

    private static void awaitText(String id, String expected) {
        awaitPage(() -> text(id).equals(expected));
    }

    /** Waits for the page; if it never gets there, the failure shows the page's text and a screenshot. */
    private static void awaitPage(java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            try {
                saveScreenshot("failure.png");
            } catch (Exception screenshot) {
                e.addSuppressed(screenshot);
            }
            throw new AssertionError("the page did not get there (target/dashboard/failure.png); it shows:\n"
                    + browser.findElement(By.tagName("main")).getText(), e);
        }
    }

    /** Read in one script: the page replaces its rows with every snapshot. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> rowsOf(String tableBodyId) {
        return (List<List<String>>) browser.executeScript("return [...document.querySelectorAll('#' + arguments[0] + ' tr')]"
                + ".map(row => [...row.cells].map(cell => cell.textContent))", tableBodyId);
    }

    private static String trendsChartPixels() {
        return (String) browser.executeScript("return document.querySelector('#trends-chart canvas').toDataURL()");
    }

    private static void saveScreenshot(String name) throws Exception {
        Path directory = Files.createDirectories(Path.of("target", "dashboard"));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), directory.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
