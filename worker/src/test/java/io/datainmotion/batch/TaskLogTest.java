package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import io.datainmotion.testing.Contexts;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.storm.Config;
import org.apache.storm.task.TopologyContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the log (log4j2, Storm's SLF4J binding), captured by an appender of the test's own. */
class TaskLogTest {

    private final StringWriter written = new StringWriter();
    private LoggerContext logging;
    private WriterAppender appender;

    @BeforeEach
    void capture() {
        logging = (LoggerContext) LogManager.getContext(false);
        Configuration config = logging.getConfiguration();
        appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%level %msg%n").build(),
                null, written, "task-log-test", false, true);
        appender.start();
        LoggerConfig logger = new LoggerConfig(TaskLogTest.class.getName(), Level.DEBUG, false);
        logger.addAppender(appender, Level.DEBUG, null);
        config.addLogger(TaskLogTest.class.getName(), logger);
        logging.updateLoggers();
    }

    @AfterEach
    void release() {
        logging.getConfiguration().removeLogger(TaskLogTest.class.getName());
        logging.updateLoggers();
        appender.stop();
    }

    private TaskLog log() {
        TopologyContext context = Contexts.forComponent("score").context();
        when(context.getThisTaskId()).thenReturn(7);
        return TaskLog.of(TaskLogTest.class, Map.of(Config.TOPOLOGY_NAME, "sentiment"), context);
    }

    @Test
    void everyLineNamesTheTopologyComponentAndTask() {
        log().info("partitions assigned: {}", List.of(0, 2));
        assertEquals("INFO [sentiment score task 7] partitions assigned: [0, 2]", written.toString().strip());
    }

    @Test
    void aTallyWritesTheFirstEventAtOnceAndThenOneSummaryPerInterval() {
        TaskLog.Tally replays = log().tally("replaying");
        long start = 1_000_000;
        replays.add(500, "partition 0 offsets 0-499", start);
        replays.add(500, "partition 1 offsets 0-499", start + 1_000);
        replays.add(200, "partition 1 offsets 500-699", start + 5_000);
        replays.add(100, "partition 3 offsets 0-99", start + TaskLog.SUMMARY_INTERVAL_MS);

        List<String> lines = written.toString().lines().toList();
        assertEquals(2, lines.size(), written.toString());
        assertEquals("WARN [sentiment score task 7] replaying: 1 batch(es), 500 record(s) in the last 1 s; "
                + "latest: partition 0 offsets 0-499", lines.get(0));
        assertEquals("WARN [sentiment score task 7] replaying: 3 batch(es), 800 record(s) in the last 9 s; "
                + "latest: partition 3 offsets 0-99", lines.get(1));
    }

    @Test
    void debugLinesStayOutAtInfo() {
        logging.getConfiguration().getLoggerConfig(TaskLogTest.class.getName()).setLevel(Level.INFO);
        logging.updateLoggers();
        log().debug("committed {}", Map.of(0, 10L));
        assertTrue(written.toString().isEmpty(), written.toString());
    }
}
