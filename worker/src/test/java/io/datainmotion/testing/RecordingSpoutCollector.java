package io.datainmotion.testing;

import java.util.ArrayList;
import java.util.List;

import org.apache.storm.spout.ISpoutOutputCollector;
import org.apache.storm.spout.SpoutOutputCollector;

/** Records what a spout emits (values, message id, stream) for spout tests. */
public final class RecordingSpoutCollector implements ISpoutOutputCollector {

    /** One emitted tuple. */
    public record Emitted(List<Object> values, Object messageId, String stream) {}

    public final List<Emitted> emitted = new ArrayList<>();

    /** What was emitted on {@code stream}, in order. */
    public List<Emitted> on(String stream) {
        return emitted.stream().filter(e -> e.stream().equals(stream)).toList();
    }

    public SpoutOutputCollector collector() {
        return new SpoutOutputCollector(this);
    }

    @Override
    public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
        emitted.add(new Emitted(List.copyOf(tuple), messageId, streamId));
        return List.of();
    }

    @Override
    public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
        throw new UnsupportedOperationException("direct emits are not expected here");
    }

    @Override
    public long getPendingCount() {
        return 0;
    }

    @Override
    public void flush() {
    }

    @Override
    public void reportError(Throwable error) {
        throw new AssertionError("unexpected error", error);
    }
}
