package io.datainmotion.ingest;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Counters of one ingestion process. "Keep-alive" is anything that proves the connection alive: X's
 * blank keep-alive line or a post, a Jetstream event. Thread-safe.
 */
public final class IngestMetrics implements IngestMetricsMXBean {

    private final Clock clock;
    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final Map<String, LongAdder> skippedByLanguage = new ConcurrentHashMap<>();
    private final LongAdder skippedByKeyword = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final AtomicLong lastKeepAliveMillis;
    private volatile Supplier<Duration> backoff = () -> Duration.ZERO;

    public IngestMetrics(Clock clock) {
        this.clock = clock;
        this.lastKeepAliveMillis = new AtomicLong(clock.millis());
    }

    void received() {
        received.increment();
    }

    void written() {
        written.increment();
    }

    void skippedByLanguage(String language) {
        skippedByLanguage.computeIfAbsent(language, l -> new LongAdder()).increment();
    }

    void skippedByKeyword() {
        skippedByKeyword.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void reconnecting() {
        reconnects.increment();
    }

    void keepAlive() {
        lastKeepAliveMillis.set(clock.millis());
    }

    void backoffFrom(Supplier<Duration> current) {
        backoff = current;
    }

    @Override
    public long getPostsReceived() {
        return received.sum();
    }

    @Override
    public long getPostsWritten() {
        return written.sum();
    }

    @Override
    public long getPostsSkippedByLanguage() {
        return skippedByLanguage.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public Map<String, Long> getPostsSkippedPerLanguage() {
        Map<String, Long> counts = new TreeMap<>();
        skippedByLanguage.forEach((language, count) -> counts.put(language, count.sum()));
        return counts;
    }

    @Override
    public long getPostsSkippedByKeyword() {
        return skippedByKeyword.sum();
    }

    @Override
    public long getMessagesMalformed() {
        return malformed.sum();
    }

    @Override
    public long getReconnects() {
        return reconnects.sum();
    }

    @Override
    public long getCurrentBackoffMillis() {
        return backoff.get().toMillis();
    }

    @Override
    public long getSecondsSinceLastKeepAlive() {
        return Math.max(0, (clock.millis() - lastKeepAliveMillis.get()) / 1000);
    }

    /** One line for the log. */
    public String summary() {
        return "posts received " + getPostsReceived() + ", written " + getPostsWritten()
                + ", skipped by language " + getPostsSkippedByLanguage() + " " + getPostsSkippedPerLanguage()
                + ", skipped by keyword " + getPostsSkippedByKeyword() + ", malformed " + getMessagesMalformed()
                + "; reconnects " + getReconnects() + ", current backoff " + getCurrentBackoffMillis() + " ms, "
                + getSecondsSinceLastKeepAlive() + " s since the last keep-alive";
    }

    /** Registers these counters with the platform MBean server; returns the name to unregister. */
    ObjectName register(String source) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.datainmotion:type=Ingest,source=" + source);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
            return name;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the ingestion metrics with JMX", e);
        }
    }

    static void unregister(ObjectName name) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException ignored) {
            // already gone: nothing to release
        }
    }
}
