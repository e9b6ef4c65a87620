package io.datainmotion.spouts;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.codahale.metrics.Counter;
import org.apache.kafka.common.TopicPartition;
import org.apache.storm.kafka.spout.KafkaSpoutMessageId;
import org.apache.storm.kafka.spout.KafkaTupleListener;
import org.apache.storm.task.TopologyContext;

/**
 * Counts the Kafka spout's replays (records.replayed): a tuple tree that failed or timed out and is
 * emitted again. A steadily rising count means a downstream fault, long before anything is lost.
 */
public class ReplayCountingListener implements KafkaTupleListener {

    private static final long serialVersionUID = 1L;

    private transient Counter replayed;
    private transient Counter gaveUp;

    @Override
    public void open(Map<String, Object> conf, TopologyContext context) {
        replayed = context.registerCounter("records.replayed");
        gaveUp = context.registerCounter("records.retries.exhausted");
    }

    @Override
    public void onEmit(List<Object> tuple, KafkaSpoutMessageId msgId) {
    }

    @Override
    public void onAck(KafkaSpoutMessageId msgId) {
    }

    @Override
    public void onPartitionsReassigned(Collection<TopicPartition> partitions) {
    }

    @Override
    public void onRetry(KafkaSpoutMessageId msgId) {
        replayed.inc();
    }

    @Override
    public void onMaxRetryReached(KafkaSpoutMessageId msgId) {
        gaveUp.inc();
    }
}
