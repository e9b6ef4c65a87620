package io.datainmotion.ingest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bluesky's Jetstream ({@code wss://.../subscribe?wantedCollections=app.bsky.feed.post}) over the
 * JDK's WebSocket client. Every event carries {@code time_us}; {@code cursor=<time_us>} replays from
 * there. Each (re)connection asks for the position up to which everything has been written to Kafka
 * or skipped ({@link ResumePosition}), less a rewind of a few seconds: duplicates are harmless
 * downstream, gaps are not. The listener requests the next message only after queueing the last,
 * so a full queue slows the socket rather than growing memory.
 */
public final class JetstreamSource implements LiveSource {

    private static final Logger LOG = LoggerFactory.getLogger(JetstreamSource.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client;
    private final URI subscribeUri;
    private final ResumePosition position;
    private final OptionalLong storedCursor;
    private final long rewindMicros;
    private final Duration stallTimeout;
    private final ReconnectPolicy policy;
    private final IngestMetrics metrics;
    private final Pause pause;
    private volatile boolean stopped;
    private volatile WebSocket current;
    private volatile CompletableFuture<String> currentClosed;
    private volatile long lastMessageNanos = System.nanoTime();

    /**
     * @param storedCursor the position kept by the last run, if any: the first connection resumes from it
     * @param position where everything up to is written or skipped, shared with the writer
     */
    public JetstreamSource(HttpClient client, URI subscribeUri, ResumePosition position, OptionalLong storedCursor,
                           Duration rewind, Duration stallTimeout, ReconnectPolicy policy, IngestMetrics metrics,
                           Pause pause) {
        this.client = client;
        this.subscribeUri = subscribeUri;
        this.position = position;
        this.storedCursor = storedCursor;
        this.rewindMicros = rewind.toNanos() / 1000;
        this.stallTimeout = stallTimeout;
        this.policy = policy;
        this.metrics = metrics;
        this.pause = pause;
        metrics.backoffFrom(policy::current);
    }

    @Override
    public String name() {
        return JetstreamEvents.SOURCE;
    }

    @Override
    public Decoded decode(String message) {
        return JetstreamEvents.decode(message);
    }

    @Override
    public void run(BlockingQueue<String> messages) throws InterruptedException {
        OptionalLong cursor = storedCursor.isPresent() ? OptionalLong.of(storedCursor.getAsLong() - rewindMicros)
                : OptionalLong.empty();
        while (!stopped) {
            Duration delay = connectAndRead(uri(cursor), messages);
            if (stopped) {
                break;
            }
            cursor = OptionalLong.of(position.safe() - rewindMicros);
            metrics.reconnecting();
            if (!delay.isZero()) {
                LOG.info("Reconnecting to Jetstream in {} ms", delay.toMillis());
            }
            if (!pause.pause(delay)) {
                break;
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        CompletableFuture<String> closed = currentClosed;
        if (closed != null) {
            closed.complete("stopping");
        }
        WebSocket socket = current;
        if (socket != null) {
            socket.abort();
        }
    }

    URI uri(OptionalLong cursor) {
        String query = "wantedCollections=" + URLEncoder.encode(JetstreamEvents.POST_COLLECTION, StandardCharsets.UTF_8)
                + (cursor.isPresent() ? "&cursor=" + cursor.getAsLong() : "");
        String base = subscribeUri.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private Duration connectAndRead(URI uri, BlockingQueue<String> messages) throws InterruptedException {
        CompletableFuture<String> closed = new CompletableFuture<>();
        currentClosed = closed;
        WebSocket socket;
        try {
            socket = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(uri, new Listener(messages, closed)).get(2 * CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof WebSocketHandshakeException handshake) {
                int status = handshake.getResponse().statusCode();
                LOG.warn("Jetstream refused the connection with HTTP {}", status);
                return policy.afterHttpError();
            }
            LOG.warn("Cannot connect to Jetstream at {}: {}", uri.getHost(), cause.toString());
            return policy.afterNetworkError();
        }
        current = socket;
        policy.connected();
        lastMessageNanos = System.nanoTime();
        metrics.keepAlive();
        LOG.info("Connected to Jetstream: {}", uri);
        try {
            while (!stopped) {
                try {
                    String why = closed.get(Math.min(1000, stallTimeout.toMillis()), TimeUnit.MILLISECONDS);
                    if (!stopped) {
                        LOG.warn("Jetstream connection ended: {}", why);
                    }
                    break;
                } catch (TimeoutException stillOpen) {
                    if (System.nanoTime() - lastMessageNanos > stallTimeout.toNanos()) {
                        LOG.warn("No event from Jetstream for {} s: reconnecting", stallTimeout.toSeconds());
                        break;
                    }
                } catch (ExecutionException impossible) {
                    break;
                }
            }
        } finally {
            socket.abort();
            current = null;
        }
        return policy.afterDrop();
    }

    private final class Listener implements WebSocket.Listener {
        private final BlockingQueue<String> messages;
        private final CompletableFuture<String> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<String> messages, CompletableFuture<String> closed) {
            this.messages = messages;
            this.closed = closed;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastMessageNanos = System.nanoTime();
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                metrics.keepAlive();
                try {
                    messages.put(message);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed.complete("interrupted");
                    return null;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastMessageNanos = System.nanoTime();
            if (last) {
                metrics.malformed();
                LOG.warn("Skipped a binary Jetstream message (compression is not requested)");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("closed by Jetstream (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(error.toString());
        }
    }
}
