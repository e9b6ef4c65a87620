package io.datainmotion.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.storm.generated.BoltStats;
import org.apache.storm.generated.ExecutorInfo;
import org.apache.storm.generated.ExecutorSpecificStats;
import org.apache.storm.generated.ExecutorStats;
import org.apache.storm.generated.ExecutorSummary;
import org.apache.storm.generated.GlobalStreamId;
import org.apache.storm.generated.SpoutStats;
import org.junit.jupiter.api.Test;

class StormProbeTest {

    private static final String ALL = StormProbe.ALL_TIME;
    private static final String RECENT = StormProbe.RECENT;
    private static final GlobalStreamId FROM_SPOUT = new GlobalStreamId("tweets", "default");

    @Test
    void aggregatesExecutorsPerComponentAsTheStormUiDoes() {
        List<ComponentHealth> components = StormProbe.aggregate("sentiment", List.of(
                spout(1, 100, Map.of("default", 1_000L, "__ack_init", 1_000L), 900, 5, 400, 20.0),
                spout(2, 100, Map.of("default", 500L), 500, 0, 100, 40.0),
                bolt(3, 100, 2_000, 30, 10, 50, 4.0),
                bolt(4, 1_000, 1_000, 0, 0, 300_000, 1.0),
                acker(5)));

        assertEquals(List.of("score", "tweets"), components.stream().map(ComponentHealth::component).toList());
        ComponentHealth score = components.get(0);
        assertEquals(new ComponentHealth("sentiment", "score", "bolt", 2, 3_000, 30, 10, 0.5,
                (50 * 4.0 + 300_000 * 1.0) / 300_050), score);
        ComponentHealth tweets = components.get(1);
        assertEquals("spout", tweets.type());
        assertEquals(2, tweets.executors());
        assertEquals(1_500, tweets.emitted(), "Storm's own streams are not counted");
        assertEquals(1_400, tweets.acked());
        assertEquals(5, tweets.failed());
        assertEquals((400 * 20.0 + 100 * 40.0) / 500, tweets.latencyMs(), 1e-9);
    }

    @Test
    void anExecutorThatHasNotReportedYetCountsAsAnExecutorOfUnknownType() {
        ExecutorSummary silent = new ExecutorSummary(new ExecutorInfo(1, 1), "score", "localhost", 6700, 1);
        assertEquals(List.of(new ComponentHealth("t", "score", "unknown", 1, 0, 0, 0, 0, 0)),
                StormProbe.aggregate("t", List.of(silent)));
    }

    private static ExecutorSummary spout(int task, int uptime, Map<String, Long> emitted, long acked, long failed,
                                         long ackedRecently, double completeMs) {
        SpoutStats stats = new SpoutStats(
                Map.of(ALL, Map.of("default", acked), RECENT, Map.of("default", ackedRecently)),
                Map.of(ALL, Map.of("default", failed)),
                Map.of(RECENT, Map.of("default", completeMs)));
        return executor(task, "tweets", uptime, emitted, ExecutorSpecificStats.spout(stats));
    }

    private static ExecutorSummary bolt(int task, int uptime, long emitted, long acked, long failed,
                                        long executedRecently, double executeMs) {
        BoltStats stats = new BoltStats(
                Map.of(ALL, Map.of(FROM_SPOUT, acked)),
                Map.of(ALL, Map.of(FROM_SPOUT, failed)),
                Map.of(),
                Map.of(RECENT, Map.of(FROM_SPOUT, executedRecently)),
                Map.of(RECENT, Map.of(FROM_SPOUT, executeMs)));
        return executor(task, "score", uptime, Map.of("default", emitted), ExecutorSpecificStats.bolt(stats));
    }

    private static ExecutorSummary acker(int task) {
        return executor(task, "__acker", 100, Map.of("default", 99L), ExecutorSpecificStats.bolt(
                new BoltStats(Map.of(), Map.of(), Map.of(), Map.of(), Map.of())));
    }

    private static ExecutorSummary executor(int task, String component, int uptime, Map<String, Long> emitted,
                                            ExecutorSpecificStats specific) {
        ExecutorSummary summary = new ExecutorSummary(new ExecutorInfo(task, task), component, "localhost", 6700, uptime);
        summary.set_stats(new ExecutorStats(Map.of(ALL, emitted), Map.of(ALL, emitted), specific, 1.0));
        return summary;
    }
}
