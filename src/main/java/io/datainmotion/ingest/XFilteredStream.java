package io.datainmotion.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * X's filtered stream ({@code GET /2/tweets/search/stream}): one long-lived HTTP response whose body
 * is one JSON object per {@code \r\n}-terminated line, with a blank keep-alive line at least every
 * 20 s. Follows X's documented client behaviour: reconnect after 20 s without a byte (the JDK's
 * HttpClient has no read timeout, so a watchdog closes the body, which ends the blocked read),
 * reconnect at once after an established connection ends (including after an
 * {@code operational-disconnect} notice), back off per {@link ReconnectPolicy} after failed
 * attempts, and stop on 401/403 and other client errors instead of retrying for ever.
 *
 * <p>The bearer token goes into the Authorization header and nowhere else: no log line or exception
 * message includes a request's headers.
 */
public final class XFilteredStream implements LiveSource {

    public static final String STREAM_PATH = "/2/tweets/search/stream?tweet.fields=created_at,lang,author_id";

    private static final Logger LOG = LoggerFactory.getLogger(XFilteredStream.class);
    private static final int EXCERPT_CHARS = 300;

    private final HttpClient client;
    private final URI streamUri;
    private final String authorization;
    private final Duration stallTimeout;
    private final ReconnectPolicy policy;
    private final IngestMetrics metrics;
    private final Pause pause;
    private final ScheduledExecutorService watchdog;
    private volatile boolean stopped;
    private volatile Connection current;

    public XFilteredStream(HttpClient client, URI baseUri, String bearerToken, Duration stallTimeout,
                           ReconnectPolicy policy, IngestMetrics metrics, Pause pause) {
        this.client = client;
        this.streamUri = baseUri.resolve(STREAM_PATH);
        this.authorization = "Bearer " + bearerToken;
        this.stallTimeout = stallTimeout;
        this.policy = policy;
        this.metrics = metrics;
        this.pause = pause;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "x-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        metrics.backoffFrom(policy::current);
    }

    @Override
    public String name() {
        return XStreamMessages.SOURCE;
    }

    @Override
    public Decoded decode(String message) {
        return XStreamMessages.decode(message);
    }

    @Override
    public void run(BlockingQueue<String> messages) throws InterruptedException {
        long checkMillis = Math.max(100, Math.min(1000, stallTimeout.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::closeIfStalled, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        try {
            while (!stopped) {
                Duration delay = connectAndRead(messages);
                if (stopped) {
                    break;
                }
                metrics.reconnecting();
                if (!delay.isZero()) {
                    LOG.info("Reconnecting to X's filtered stream in {} ms", delay.toMillis());
                }
                if (!pause.pause(delay)) {
                    break;
                }
            }
        } finally {
            watchdog.shutdownNow();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        Connection connection = current;
        if (connection != null) {
            connection.close();
        }
    }

    /** Returns how long to wait before the next attempt. */
    private Duration connectAndRead(BlockingQueue<String> messages) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(streamUri)
                .header("Authorization", authorization)
                .header("User-Agent", "data-in-motion-ingest")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            Duration delay = policy.afterNetworkError();
            LOG.warn("Cannot connect to X's filtered stream at {}: {}", streamUri.getHost(), e.toString());
            return delay;
        }
        int status = response.statusCode();
        if (status == 200) {
            policy.connected();
            metrics.keepAlive();
            LOG.info("Connected to X's filtered stream");
            read(response.body(), messages);
            return policy.afterDrop();
        }
        String body = drain(response.body());
        if (status == 401 || status == 403) {
            throw new IngestException("X refused the filtered stream with HTTP " + status
                    + ": check the bearer token (and that the app may use the filtered stream); X said: " + body);
        }
        if (status == 429) {
            Duration delay = policy.afterRateLimit(rateLimitReset(response));
            LOG.warn("X's filtered stream answered 429 (rate limit or too many connections): {}", body);
            return delay;
        }
        if (status / 100 == 4 && status != 408) {
            throw new IngestException("X refused the filtered stream request with HTTP " + status + ": " + body);
        }
        Duration delay = policy.afterHttpError();
        LOG.warn("X's filtered stream answered HTTP {}: {}", status, body);
        return delay;
    }

    /** Reads lines until the connection ends, whatever ends it. */
    private void read(InputStream body, BlockingQueue<String> messages) throws InterruptedException {
        Connection connection = new Connection(body);
        current = connection;
        if (stopped) {
            connection.close();
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (body) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                connection.lastReadNanos = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        line.write(buffer[i]);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8).strip();
                    line.reset();
                    metrics.keepAlive();
                    if (!text.isEmpty()) {
                        messages.put(text);
                    }
                }
            }
            LOG.warn("X closed the filtered stream");
        } catch (IOException e) {
            if (connection.stalled) {
                LOG.warn("No data from X's filtered stream for {} s: reconnecting", stallTimeout.toSeconds());
            } else if (!stopped) {
                LOG.warn("X's filtered stream broke off: {}", e.toString());
            }
        } finally {
            current = null;
        }
        if (line.size() > 0 && !stopped) {
            metrics.malformed();
            LOG.warn("Discarded an incomplete line of {} bytes at the end of the connection", line.size());
        }
    }

    private void closeIfStalled() {
        Connection connection = current;
        if (connection != null && System.nanoTime() - connection.lastReadNanos > stallTimeout.toNanos()) {
            connection.stalled = true;
            connection.close();
        }
    }

    private static OptionalLong rateLimitReset(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("x-rate-limit-reset").map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String drain(InputStream body) {
        try (body) {
            return excerpt(new String(body.readNBytes(4 * EXCERPT_CHARS), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(no body: " + e + ")";
        }
    }

    /** A response body for a message: one line, cut. */
    static String excerpt(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "...";
    }

    private static final class Connection {
        private final InputStream body;
        private volatile long lastReadNanos = System.nanoTime();
        private volatile boolean stalled;

        Connection(InputStream body) {
            this.body = body;
        }

        void close() {
            try {
                body.close();
            } catch (IOException e) {
                LOG.debug("Closing the stream: {}", e.toString());
            }
        }
    }
}
