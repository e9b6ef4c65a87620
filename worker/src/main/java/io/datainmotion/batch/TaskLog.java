package io.datainmotion.batch;

import java.util.Map;

import org.apache.storm.Config;
import org.apache.storm.task.TopologyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's SLF4J logger whose lines all start with the topology, component and task, so that an
 * operator reading a worker.log (which interleaves every executor of the worker) knows whose line it
 * is; and {@link Tally}, which turns frequent events (replays, dead letters) into at most one summary
 * line per interval instead of one line each.
 */
public final class TaskLog {

    /** How often a {@link Tally} may write its summary. */
    public static final long SUMMARY_INTERVAL_MS = 10_000;

    private final Logger logger;
    private final String prefix;

    private TaskLog(Logger logger, String prefix) {
        this.logger = logger;
        this.prefix = prefix;
    }

    public static TaskLog of(Class<?> component, Map<String, Object> topologyConf, TopologyContext context) {
        Object topology = topologyConf.getOrDefault(Config.TOPOLOGY_NAME, context.getStormId());
        return new TaskLog(LoggerFactory.getLogger(component),
                "[" + topology + " " + context.getThisComponentId() + " task " + context.getThisTaskId() + "] ");
    }

    public void info(String format, Object... arguments) {
        if (logger.isInfoEnabled()) {
            logger.info(prefix + format, arguments);
        }
    }

    public void debug(String format, Object... arguments) {
        if (logger.isDebugEnabled()) {
            logger.debug(prefix + format, arguments);
        }
    }

    public void warn(String format, Object... arguments) {
        if (logger.isWarnEnabled()) {
            logger.warn(prefix + format, arguments);
        }
    }

    public Tally tally(String what) {
        return new Tally(what);
    }

    /**
     * Counts events and records and writes a WARN line "{what}: N batches (M records) in the last S s;
     * latest: ..." at most once per {@link #SUMMARY_INTERVAL_MS}: the first event is logged at once,
     * the following ones in the next summary. Not thread-safe (one per executor).
     */
    public final class Tally {
        private final String what;
        private long events;
        private long records;
        private long windowStartMs = -SUMMARY_INTERVAL_MS;
        private long lastLogMs = -SUMMARY_INTERVAL_MS;

        private Tally(String what) {
            this.what = what;
        }

        public void add(long recordCount, String latest) {
            add(recordCount, latest, System.currentTimeMillis());
        }

        void add(long recordCount, String latest, long nowMs) {
            if (events == 0) {
                windowStartMs = nowMs;
            }
            events++;
            records += recordCount;
            if (nowMs - lastLogMs >= SUMMARY_INTERVAL_MS) {
                warn("{}: {} batch(es), {} record(s) in the last {} s; latest: {}", what, events, records,
                        Math.max(1, (nowMs - windowStartMs + 999) / 1000), latest);
                lastLogMs = nowMs;
                events = 0;
                records = 0;
            }
        }
    }
}
