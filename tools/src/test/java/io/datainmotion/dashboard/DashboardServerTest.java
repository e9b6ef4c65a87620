package io.datainmotion.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The web server alone, on a free loopback port, with plain HTTP requests. */
class DashboardServerTest {

    private static final String UPLOT = "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void servesThePageAndChartLibraryFromTheJarReadOnlyWithAStrictContentPolicy() throws Exception {
        try (DashboardServer server = new DashboardServer("127.0.0.1", 0, null, id -> List.of(), "{}")) {
            HttpResponse<String> page = get(server, "/", null);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>Data in Motion"), page.body());
            assertEquals(DashboardServer.CONTENT_SECURITY_POLICY,
                    page.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertEquals(200, get(server, UPLOT, null).statusCode());
            assertEquals(200, get(server, "/dashboard.js", null).statusCode());
            for (String method : List.of("POST", "PUT", "DELETE")) {
                HttpResponse<String> write = http.send(HttpRequest.newBuilder(uri(server, "/events"))
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertFalse(write.statusCode() < 300, method + " is refused: " + write.statusCode());
            }
        }
    }

    @Test
    void streamsTheLatestSnapshotAtOnceAndEveryPushAfter() throws Exception {
        try (DashboardServer server = new DashboardServer("127.0.0.1", 0, null, id -> List.of(), "{\"version\":1}")) {
            HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(uri(server, "/events"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            BlockingQueue<String> data = new ArrayBlockingQueue<>(16);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data: ")) {
                            data.add(line.substring(6));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the server closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
            assertEquals("{\"version\":1}", data.poll(10, TimeUnit.SECONDS));
            assertEquals(1, server.openPages());
            server.push("{\"version\":2}");
            assertEquals("{\"version\":2}", data.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void withATokenEveryRequestNeedsItOnceInTheAddressThenInItsCookie() throws Exception {
        try (DashboardServer server = new DashboardServer("127.0.0.1", 0, "s3cret-token", id -> List.of(), "{}")) {
            HttpResponse<String> refused = get(server, "/", null);
            assertEquals(401, refused.statusCode());
            assertFalse(refused.body().contains("s3cret-token"));
            assertEquals(401, get(server, "/?token=wrong", null).statusCode());
            assertEquals(401, get(server, UPLOT, null).statusCode());
            assertEquals(401, get(server, "/api/sensors/s1/history", null).statusCode());

            HttpResponse<String> admitted = get(server, "/?token=s3cret-token", null);
            assertEquals(200, admitted.statusCode());
            String cookie = admitted.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            String sent = cookie.substring(0, cookie.indexOf(';'));
            assertEquals(200, get(server, UPLOT, sent).statusCode());
            assertEquals(200, get(server, "/api/sensors/s1/history", sent).statusCode());
            assertEquals(401, get(server, UPLOT, "dim_dashboard_token=wrong").statusCode());
        }
    }

    @Test
    void answersASensorsHistoryAsJsonForAnyId() throws Exception {
        SensorHistory history = id -> List.of(new DashboardState.SensorWindow(id, 0, 60_000, 3, 20.5, 19, 22, 0.25));
        try (DashboardServer server = new DashboardServer("127.0.0.1", 0, null, history, "{}")) {
            HttpResponse<String> response = get(server, "/api/sensors/%3Cb%3E%20x/history", null);
            assertEquals(200, response.statusCode());
            JsonNode windows = new ObjectMapper().readTree(response.body());
            assertEquals("<b> x", windows.get(0).get("sensorId").asText());
            assertEquals(20.5, windows.get(0).get("mean").asDouble());
        }
    }

    @Test
    void bindingBeyondLoopbackNeedsAToken() {
        assertTrue(Dashboard.isLoopback("127.0.0.1"));
        assertTrue(Dashboard.isLoopback("::1"));
        assertFalse(Dashboard.isLoopback("0.0.0.0"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new Dashboard.Settings("0.0.0.0", 8080, null, new Properties(), null, null, null));
        assertTrue(refused.getMessage().contains("needs a token"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Dashboard.Settings("127.0.0.1", 8080, " ", new Properties(), null, null, null));
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Properties properties = io.datainmotion.topology.FluxTopology.properties(java.nio.file.Path.of("flux/local.properties"));
            properties.setProperty("kafka.bootstrap.servers", "127.0.0.1:1");
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Dashboard.start(
                    new Dashboard.Settings("127.0.0.1", taken.getLocalPort(), null, properties, null, null, null)));
            assertTrue(refused.getMessage().startsWith("cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort()),
                    refused.getMessage());
        }
    }

    private HttpResponse<String> get(DashboardServer server, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(DashboardServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
