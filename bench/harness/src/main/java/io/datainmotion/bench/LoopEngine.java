package io.datainmotion.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.datainmotion.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The ceiling: one thread polling a KafkaConsumer and sending to a KafkaProducer. At-least-once: once
 * per commit period it flushes the producer (every record sent so far is on the broker) and only then
 * commits the consumer's position. Flushing after every poll instead stalls the thread on each round trip.
 */
final class LoopEngine implements Engine {

    private static final Duration POLL = Duration.ofMillis(100);

    private final EngineSettings settings;
    private final Thread thread = new Thread(this::run, "loop-engine");
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private volatile boolean running = true;

    LoopEngine(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() {
        thread.start();
    }

    private void run() {
        Map<String, Object> consumerConfig = KafkaClients.admin(settings.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.topics().group());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, Object> producerConfig = KafkaClients.producer(settings.bootstrapServers());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs());
        TweetWork work = new TweetWork(settings.scorer());
        EngineTopics topics = settings.topics();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            consumer.subscribe(List.of(topics.input()));
            long lastCommit = System.currentTimeMillis();
            boolean uncommitted = false;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                uncommitted |= !records.isEmpty();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TweetWork.Output out = work.apply(record.topic(), record.partition(), record.offset(), record.value());
                    String topic = out.deadLetter() ? topics.deadLetters() : topics.output();
                    producer.send(new ProducerRecord<>(topic, out.key(), out.json()), (metadata, e) -> {
                        if (e != null) {
                            sendFailure.compareAndSet(null, e);
                        }
                    });
                }
                if (uncommitted && System.currentTimeMillis() - lastCommit >= settings.commitPeriodMs()) {
                    producer.flush();
                    if (sendFailure.get() != null) {
                        throw new IllegalStateException("a send failed; offsets not committed", sendFailure.get());
                    }
                    consumer.commitSync();
                    lastCommit = System.currentTimeMillis();
                    uncommitted = false;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
