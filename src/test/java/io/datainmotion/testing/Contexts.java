package io.datainmotion.testing;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.codahale.metrics.Counter;
import org.apache.storm.task.TopologyContext;

/** A mocked TopologyContext whose counters are real and can be read back by name. */
public final class Contexts {

    private Contexts() {}

    public record Context(TopologyContext context, Map<String, Counter> counters) {
        public long count(String name) {
            Counter counter = counters.get(name);
            return counter == null ? 0 : counter.getCount();
        }
    }

    public static Context forComponent(String componentId) {
        TopologyContext context = mock(TopologyContext.class);
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        when(context.getThisComponentId()).thenReturn(componentId);
        when(context.registerCounter(anyString())).thenAnswer(call ->
                counters.computeIfAbsent(call.getArgument(0), name -> new Counter()));
        return new Context(context, counters);
    }
}
