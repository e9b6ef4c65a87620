package io.datainmotion.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.datainmotion.records.MessageBatch;
import org.apache.storm.task.IOutputCollector;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.tuple.Tuple;

/** Records what a bolt emits (per stream, with anchors), acks, fails and reports, for bolt tests. */
public final class RecordingCollector implements IOutputCollector {

    /** One emitted tuple; {@code task} is the receiving task of a direct emit, else null. */
    public record Emitted(String stream, List<Tuple> anchors, List<Object> values, Integer task) {}

    public final List<Emitted> emitted = new ArrayList<>();
    public final List<Tuple> acked = new ArrayList<>();
    public final List<Tuple> failed = new ArrayList<>();
    public final List<Throwable> errors = new ArrayList<>();

    public OutputCollector collector() {
        return new OutputCollector(this);
    }

    public List<Emitted> on(String stream) {
        return emitted.stream().filter(e -> e.stream().equals(stream)).toList();
    }

    /** One keyed message of a {@link MessageBatch} emitted on some stream, with the anchors of its batch. */
    public record Message(String key, String message, List<Tuple> anchors) {}

    /** The messages of every {@link MessageBatch} emitted on {@code stream}, in order. */
    public List<Message> messages(String stream) {
        List<Message> messages = new ArrayList<>();
        for (Emitted batch : on(stream)) {
            MessageBatch sent = (MessageBatch) batch.values().get(0);
            for (int i = 0; i < sent.size(); i++) {
                messages.add(new Message(sent.keys().get(i), sent.messages().get(i), batch.anchors()));
            }
        }
        return messages;
    }

    @Override
    public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        emitted.add(new Emitted(streamId, anchors == null ? List.of() : List.copyOf(anchors), List.copyOf(tuple), null));
        return List.of();
    }

    @Override
    public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        emitted.add(new Emitted(streamId, anchors == null ? List.of() : List.copyOf(anchors), List.copyOf(tuple), taskId));
    }

    @Override
    public void ack(Tuple input) {
        acked.add(input);
    }

    @Override
    public void fail(Tuple input) {
        failed.add(input);
    }

    @Override
    public void resetTimeout(Tuple input) {
        throw new UnsupportedOperationException("resetTimeout is not expected here");
    }

    @Override
    public void flush() {
    }

    @Override
    public void reportError(Throwable error) {
        errors.add(error);
    }
}
