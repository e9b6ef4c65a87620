package io.datainmotion.bolts;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.codahale.metrics.Counter;
import com.zaxxer.hikari.HikariDataSource;
import io.datainmotion.batch.DeadLetters;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.Rejection;
import io.datainmotion.storage.DatabaseSettings;
import io.datainmotion.storage.ResultKind;
import io.datainmotion.storage.ResultWriter;
import io.datainmotion.storage.Row;
import io.datainmotion.storage.StorageSchema;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each input {@link RecordBatch} of raw result records (from a {@code KafkaBatchSpout}) in
 * PostgreSQL in one transaction ({@link ResultWriter}), and acks it only after the commit. Which rows
 * a record becomes depends on its topic ({@link #withTopic}). A record that is not of its kind's
 * shape, or whose row PostgreSQL refuses for its content, goes to the {@value DeadLetters#STREAM}
 * stream with its reason ({@code database-refused} and the SQLSTATE for the latter) after the commit;
 * any other database failure (down, slow, deadlock) fails the batch, which the spout replays with
 * backoff while the backlog waits in Kafka.
 *
 * <p>Before its first write the bolt checks that the database has every schema migration of this jar
 * and refuses to run (the worker fails with what to run) when it does not. A database that cannot be
 * reached then is checked again on the next batch.
 *
 * <p>Metrics: {@code records.stored}, {@code records.deadlettered}, {@code batches.failed}.
 */
public class JdbcBatchBolt extends BaseRichBolt {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBatchBolt.class);
    static final String DATABASE_REFUSED = "database-refused";

    private final DatabaseSettings settings;
    private final Map<String, ResultKind> kindByTopic = new HashMap<>();

    private transient HikariDataSource dataSource;
    private transient ResultWriter writer;
    private transient boolean schemaChecked;
    private transient OutputCollector collector;
    private transient String componentId;
    private transient DeadLetters deadLetters;
    private transient Counter stored;
    private transient Counter deadLettered;
    private transient Counter failedBatches;

    public JdbcBatchBolt(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** Flux config method: records read from {@code topic} are of {@code kind}. */
    public JdbcBatchBolt withTopic(String topic, String kind) {
        kindByTopic.put(topic, ResultKind.valueOf(kind));
        return this;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        if (kindByTopic.isEmpty()) {
            throw new IllegalStateException("JdbcBatchBolt " + context.getThisComponentId() + " has no withTopic");
        }
        prepare(settings.open(context.getThisComponentId() + "-" + context.getThisTaskId()), context, collector);
    }

    void prepare(HikariDataSource dataSource, TopologyContext context, OutputCollector collector) {
        this.dataSource = dataSource;
        this.writer = new ResultWriter(dataSource);
        this.collector = collector;
        this.componentId = context.getThisComponentId();
        this.deadLetters = new DeadLetters(componentId);
        this.stored = context.registerCounter("records.stored");
        this.deadLettered = context.registerCounter("records.deadlettered");
        this.failedBatches = context.registerCounter("batches.failed");
        try {
            checkSchema();
        } catch (RuntimeException unmigrated) {
            dataSource.close();
            throw unmigrated;
        }
    }

    /** True once the schema is known to be migrated; throws when it is not. */
    private boolean checkSchema() {
        if (!schemaChecked) {
            try {
                StorageSchema.requireMigrated(dataSource, settings.url());
                schemaChecked = true;
            } catch (org.flywaydb.core.api.FlywayException unreachable) {
                LOG.warn("cannot check the storage schema at {} yet: {}", settings.url(), unreachable.getMessage());
            }
        }
        return schemaChecked;
    }

    @Override
    public void execute(Tuple input) {
        RecordBatch<?> batch = (RecordBatch<?>) input.getValue(0);
        ResultKind kind = kindByTopic.get(batch.topic());
        if (kind == null) {
            throw new IllegalStateException("JdbcBatchBolt " + componentId + " got records of topic " + batch.topic()
                    + ", which no withTopic maps to a kind");
        }
        List<ResultWriter.Record> records = new ArrayList<>(batch.size());
        Map<Integer, Rejection> rejected = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Outcome<List<Row>> rows = kind.rowsOf((byte[]) batch.item(i), batch.source(i));
            if (rows instanceof Outcome.Accepted<List<Row>> accepted) {
                records.add(new ResultWriter.Record(i, accepted.value()));
            } else if (rows instanceof Outcome.Rejected<List<Row>> refused) {
                rejected.put(i, refused.rejection());
            }
        }
        List<ResultWriter.Refusal> refused;
        try {
            if (!checkSchema()) {
                fail(input, batch, "the schema could not be checked");
                return;
            }
            refused = writer.write(records);
        } catch (SQLException e) {
            fail(input, batch, e.getSQLState() == null ? e.getMessage() : "SQLSTATE " + e.getSQLState() + " " + e.getMessage());
            return;
        }
        for (ResultWriter.Refusal refusal : refused) {
            rejected.put(refusal.index(), new Rejection(DATABASE_REFUSED, refusal.detail()));
        }
        rejected.forEach((index, rejection) -> deadLetters.add(batch.source(index), batch.original(index), rejection));
        stored.inc(batch.size() - rejected.size());
        deadLettered.inc(deadLetters.emit(collector, input));
        collector.ack(input);
    }

    private void fail(Tuple input, RecordBatch<?> batch, String why) {
        failedBatches.inc();
        LOG.warn("{}: not stored, to be replayed: {}", batch, why);
        collector.fail(input);
    }

    @Override
    public void cleanup() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        DeadLetters.declare(declarer);
    }
}
