package io.datainmotion.batch;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import com.codahale.metrics.Counter;
import io.datainmotion.records.MessageBatch;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;

/**
 * Writes each input's {@link MessageBatch} (its first field) to one topic and acks the input once the
 * broker has every message of it, or fails it (the whole batch is replayed) if any send fails. The
 * batch counterpart of storm-kafka-client's KafkaBolt, which sends one message per tuple; the
 * producer's settings come from the Flux file (acks=all and idempotence there make "has" mean durable).
 *
 * <p>By default the next input is taken while a batch is in flight. {@link #withSynchronousSends}
 * makes the bolt wait until the batch is written instead: in a topology with stateful bolts, a
 * checkpoint then passes the sink only after everything emitted before it is on the broker.
 */
public class KafkaBatchBolt extends BaseRichBolt {

    /** The name the project's bolts give the {@link MessageBatch} field they emit for this bolt. */
    public static final String MESSAGES = "messages";

    private final Properties producerProperties;
    private final String topic;
    private boolean synchronous;
    private transient Producer<String, String> producer;
    private transient volatile boolean closed;
    private transient OutputCollector collector;
    private transient Counter sent;
    private transient Counter sendFailures;
    private transient TaskLog log;
    private transient TaskLog.Tally failedBatches;

    public KafkaBatchBolt(Properties producerProperties, String topic) {
        this.producerProperties = producerProperties;
        this.topic = topic;
    }

    /** Flux config method: whether each batch is written before the next input is taken. */
    public KafkaBatchBolt withSynchronousSends(boolean synchronous) {
        this.synchronous = synchronous;
        return this;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.log = TaskLog.of(KafkaBatchBolt.class, topoConf, context);
        prepare(new KafkaProducer<>(producerProperties), context, collector);
        log.info("writing to topic {} ({} sends)", topic, synchronous ? "synchronous" : "asynchronous");
    }

    void prepare(Producer<String, String> producer, TopologyContext context, OutputCollector collector) {
        this.producer = producer;
        this.collector = collector;
        this.sent = context.registerCounter("records.sent");
        this.sendFailures = context.registerCounter("records.send.failed");
        if (log == null) {
            log = TaskLog.of(KafkaBatchBolt.class, Map.of(), context);
        }
        this.failedBatches = log.tally("sink writes to " + topic + " failed; the batches are replayed");
    }

    @Override
    public void execute(Tuple input) {
        MessageBatch batch = (MessageBatch) input.getValue(0);
        if (batch.size() == 0) {
            synchronized (collector) {
                collector.ack(input);
            }
            return;
        }
        Callback done = new BatchCompletion(input, batch.size());
        try {
            for (int i = 0; i < batch.size(); i++) {
                producer.send(new ProducerRecord<>(topic, batch.keys().get(i), batch.messages().get(i)), done);
            }
            if (synchronous) {
                // Returns once every send has completed and its callback, which acks or fails, has run.
                producer.flush();
            }
        } catch (IllegalStateException producerClosed) {
            // A topology being killed may hand this executor a tuple after cleanup closed the producer;
            // the tuple is then left to time out. Reporting it would fail too, and halt the worker.
            if (!closed) {
                throw producerClosed;
            }
        }
    }

    /** Acks or fails the input when the last of its sends completes; producer callbacks run on its I/O thread. */
    private final class BatchCompletion implements Callback {
        private final Tuple input;
        private final int size;
        private final AtomicInteger outstanding;
        private volatile Exception failure;

        BatchCompletion(Tuple input, int size) {
            this.input = input;
            this.size = size;
            this.outstanding = new AtomicInteger(size);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception sendFailure) {
            if (sendFailure != null) {
                failure = sendFailure;
                sendFailures.inc();
            } else {
                sent.inc();
            }
            if (outstanding.decrementAndGet() == 0) {
                synchronized (collector) {
                    if (failure != null) {
                        failedBatches.add(size, failure.toString());
                        collector.reportError(failure);
                        collector.fail(input);
                    } else {
                        collector.ack(input);
                    }
                }
            }
        }
    }

    @Override
    public void cleanup() {
        closed = true;
        producer.close();
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
