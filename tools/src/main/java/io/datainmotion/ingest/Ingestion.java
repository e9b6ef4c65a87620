package io.datainmotion.ingest;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.ObjectName;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingestion process: a live source's reader thread → a bounded queue → this writer, which
 * decodes, filters and sends each post to the tweets topic keyed by its id. The producer (closed at
 * the end) is durable
 * ({@code acks=all}, idempotent), and a post counts as written only when the broker acknowledged it.
 * A failed send ends ingestion with an {@link IngestException} (so the process exits non-zero and
 * its supervisor restarts it) rather than retrying for ever; {@link #stop()} (Ctrl-C, SIGTERM)
 * stops reading, writes what was already read and flushes. Sources that can resume (Jetstream)
 * keep their {@link ResumePosition} in a {@link CursorFile}, every second and at the end.
 */
public final class Ingestion {

    private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
    private static final Duration CURSOR_SAVE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final LiveSource source;
    private final PostFilter filter;
    private final Producer<String, String> producer;
    private final String topic;
    private final IngestMetrics metrics;
    private final ResumePosition position;
    private final CursorFile cursorFile;
    private final BlockingQueue<String> messages;
    private final Duration metricsInterval;
    private final CountDownLatch stopping;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final AtomicReference<RuntimeException> sourceFailure = new AtomicReference<>();
    private long savedCursor = Long.MIN_VALUE;

    /**
     * @param position and {@code cursorFile}: null for a source that cannot resume
     * @param stopping counted down by {@link #stop()}; the source's pauses between reconnections wait on it
     */
    public Ingestion(LiveSource source, PostFilter filter, Producer<String, String> producer, String topic,
                     IngestMetrics metrics, ResumePosition position, CursorFile cursorFile, int queueCapacity,
                     Duration metricsInterval, CountDownLatch stopping) {
        this.source = source;
        this.filter = filter;
        this.producer = producer;
        this.topic = topic;
        this.metrics = metrics;
        this.position = position;
        this.cursorFile = cursorFile;
        this.messages = new ArrayBlockingQueue<>(queueCapacity);
        this.metricsInterval = metricsInterval;
        this.stopping = stopping;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** Stops reading; {@link #run} then writes what was read, flushes and returns. Any thread. */
    public void stop() {
        stopping.countDown();
        source.stop();
    }

    /**
     * Runs until {@link #stop()} or a failure.
     *
     * @throws IngestException when a write to Kafka failed or the source cannot go on
     */
    public void run() throws InterruptedException {
        ObjectName mbean = metrics.register(source.name());
        Thread reader = new Thread(this::read, source.name() + "-reader");
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, source.name() + "-ingest-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.scheduleAtFixedRate(() -> LOG.info("{}: {}", source.name(), metrics.summary()),
                metricsInterval.toMillis(), metricsInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (cursorFile != null) {
            timers.scheduleWithFixedDelay(this::saveCursor, CURSOR_SAVE_INTERVAL.toMillis(),
                    CURSOR_SAVE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Ingesting from {} into {}", source.name(), topic);
        reader.start();
        try {
            while (sendFailure.get() == null) {
                String message = messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    write(message);
                } else if (!reader.isAlive()) {
                    break;
                }
            }
        } finally {
            stop();
            reader.join();
            producer.flush();
            producer.close(PRODUCER_CLOSE_TIMEOUT);
            timers.shutdownNow();
            timers.awaitTermination(5, TimeUnit.SECONDS);
            saveCursor();
            LOG.info("{} stopped: {}", source.name(), metrics.summary());
            IngestMetrics.unregister(mbean);
        }
        Exception failed = sendFailure.get();
        if (failed != null) {
            throw new IngestException("a write to Kafka topic " + topic + " failed, so ingestion stops (a supervisor "
                    + "should restart it): " + failed, failed);
        }
        RuntimeException sourceFailed = sourceFailure.get();
        if (sourceFailed != null) {
            throw sourceFailed;
        }
    }

    private void read() {
        try {
            source.run(messages);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            sourceFailure.set(e);
        }
    }

    private void write(String message) {
        Decoded decoded = source.decode(message);
        long at = decoded.position();
        switch (decoded.kind()) {
            case MALFORMED -> {
                metrics.malformed();
                LOG.warn("Skipped a malformed {} message ({}): {}", source.name(), decoded.note(),
                        XFilteredStream.excerpt(message));
            }
            case OTHER -> passed(at);
            case NOTICE -> LOG.warn("{}", decoded.note());
            case POST -> {
                metrics.received();
                LivePost post = decoded.post();
                String language = filter.language(post);
                if (!filter.acceptsLanguage(language)) {
                    metrics.skippedByLanguage(language);
                    passed(at);
                } else if (!filter.matchesKeywords(post.text())) {
                    metrics.skippedByKeyword();
                    passed(at);
                } else {
                    send(post, language, at);
                }
            }
        }
    }

    private void send(LivePost post, String language, long at) {
        if (position != null && at != Decoded.NO_POSITION) {
            position.sending(at);
        }
        producer.send(new ProducerRecord<>(topic, post.id(), post.toJson(language)), (metadata, error) -> {
            if (error != null) {
                sendFailure.compareAndSet(null, error);
            } else {
                metrics.written();
                if (position != null && at != Decoded.NO_POSITION) {
                    position.acknowledged(at);
                }
            }
        });
    }

    private void passed(long at) {
        if (position != null && at != Decoded.NO_POSITION) {
            position.passed(at);
        }
    }

    private synchronized void saveCursor() {
        if (cursorFile == null) {
            return;
        }
        long safe = position.safe();
        if (safe != savedCursor) {
            cursorFile.write(safe);
            savedCursor = safe;
        }
    }
}
