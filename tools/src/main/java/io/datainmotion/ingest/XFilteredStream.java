package io.datainmotion.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * X's filtered stream ({@code GET /2/tweets/search/stream}): one long-lived HTTP response whose body
 * is one JSON object per {@code \r\n}-terminated line, with a blank keep-alive line at least every
 * 20 s. Follows X's documented client behaviour: reconnect after 20 s without a byte (the JDK's
 * HttpClient has no read timeout, so a watchdog cancels the body, which closes the connection),
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
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI streamUri;
    private final String authorization;
    private final Duration stallTimeout;
    private final ReconnectPolicy policy;
    private final IngestMetrics metrics;
    private final Pause pause;
    private final ScheduledExecutorService watchdog;
    private volatile boolean stopped;
    private volatile Exchange current;

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
        Exchange exchange = current;
        if (exchange != null) {
            exchange.close();
        }
    }

    /** Returns how long to wait before the next attempt. */
    private Duration connectAndRead(BlockingQueue<String> messages) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(streamUri)
                .header("Authorization", authorization)
                .header("User-Agent", "data-in-motion-ingest")
                .GET().build();
        Exchange exchange = new Exchange(messages);
        client.sendAsync(request, exchange).whenComplete((response, error) -> {
            if (error != null) {
                exchange.headers.completeExceptionally(error);
                exchange.ended.completeExceptionally(error);
            }
        });
        int status;
        try {
            status = exchange.headers.get(RESPONSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode();
        } catch (ExecutionException | TimeoutException e) {
            exchange.close();
            Duration delay = policy.afterNetworkError();
            LOG.warn("Cannot connect to X's filtered stream at {}: {}", streamUri.getHost(),
                    e instanceof TimeoutException ? "no response within " + RESPONSE_TIMEOUT.toSeconds() + " s"
                            : String.valueOf(e.getCause()));
            return delay;
        }
        current = exchange;
        try {
            if (status == 200) {
                policy.connected();
                metrics.keepAlive();
                LOG.info("Connected to X's filtered stream");
                if (stopped) {
                    exchange.close();
                }
                awaitEnd(exchange);
                return policy.afterDrop();
            }
            awaitEnd(exchange);
        } finally {
            current = null;
        }
        String body = excerpt(exchange.errorBody.toString(StandardCharsets.UTF_8));
        if (status == 401 || status == 403) {
            throw new IngestException("X refused the filtered stream with HTTP " + status
                    + ": check the bearer token (and that the app may use the filtered stream); X said: " + body);
        }
        if (status == 429) {
            Duration delay = policy.afterRateLimit(rateLimitReset(exchange.headers.join()));
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

    /** Waits until the response body ends, whatever ends it. */
    private void awaitEnd(Exchange exchange) throws InterruptedException {
        try {
            exchange.ended.get();
            if (exchange.status == 200 && !stopped) {
                LOG.warn("X closed the filtered stream");
            }
        } catch (ExecutionException e) {
            if (exchange.stalled) {
                LOG.warn("No data from X's filtered stream for {} s: reconnecting", stallTimeout.toSeconds());
            } else if (!stopped) {
                LOG.warn("X's filtered stream broke off: {}", String.valueOf(e.getCause()));
            }
        }
        if (exchange.line.size() > 0 && !stopped) {
            metrics.malformed();
            LOG.warn("Discarded an incomplete line of {} bytes at the end of the connection", exchange.line.size());
        }
    }

    private void closeIfStalled() {
        Exchange exchange = current;
        if (exchange != null && System.nanoTime() - exchange.lastReadNanos > stallTimeout.toNanos()) {
            exchange.stalled = true;
            exchange.close();
        }
    }

    private static OptionalLong rateLimitReset(HttpResponse.ResponseInfo response) {
        try {
            return response.headers().firstValue("x-rate-limit-reset").map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A response body for a message: one line, cut. */
    static String excerpt(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "...";
    }

    /**
     * One request: takes the status line from the response, then the body as the client receives it.
     * A subscriber of its own rather than the client's InputStream, because that stream throws away
     * what it has buffered when the connection breaks, and with it whole posts received before the break.
     */
    private final class Exchange implements HttpResponse.BodyHandler<Void>, Flow.Subscriber<List<ByteBuffer>> {
        private final BlockingQueue<String> messages;
        private final CompletableFuture<HttpResponse.ResponseInfo> headers = new CompletableFuture<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile int status;
        private volatile long lastReadNanos = System.nanoTime();
        private volatile boolean stalled;

        Exchange(BlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
            status = info.statusCode();
            headers.complete(info);
            return HttpResponse.BodySubscribers.fromSubscriber(this);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (ended.isDone()) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            lastReadNanos = System.nanoTime();
            try {
                for (ByteBuffer buffer : buffers) {
                    if (status == 200) {
                        split(buffer);
                    } else if (errorBody.size() < 4 * EXCERPT_CHARS) {
                        byte[] bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        errorBody.writeBytes(bytes);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return;
            }
            subscription.request(1);
        }

        private void split(ByteBuffer buffer) throws InterruptedException {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b != '\n') {
                    line.write(b);
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

        @Override
        public void onError(Throwable error) {
            ended.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }

        /** Ends the exchange from outside (stall, stop): cancelling the body closes the connection. */
        void close() {
            ended.completeExceptionally(new IOException("closed by this client"));
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
