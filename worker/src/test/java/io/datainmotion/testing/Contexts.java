package io.datainmotion.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Timer;
import org.apache.storm.task.TopologyContext;

/** A mocked TopologyContext whose counters, gauges and timers are real; counters and gauges can be read back by name. */
public final class Contexts {

    private Contexts() {}

    public record Context(TopologyContext context, Map<String, Counter> counters, Map<String, Gauge<?>> gauges) {
        public long count(String name) {
            Counter counter = counters.get(name);
            return counter == null ? 0 : counter.getCount();
        }

        public Object gauge(String name) {
            Gauge<?> gauge = gauges.get(name);
            return gauge == null ? null : gauge.getValue();
        }
    }

    public static Context forComponent(String componentId) {
        TopologyContext context = mock(TopologyContext.class);
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        Map<String, Gauge<?>> gauges = new ConcurrentHashMap<>();
        when(context.getThisComponentId()).thenReturn(componentId);
        when(context.registerCounter(anyString())).thenAnswer(call ->
                counters.computeIfAbsent(call.getArgument(0), name -> new Counter()));
        when(context.registerTimer(anyString())).thenAnswer(call -> new Timer());
        when(context.registerGauge(anyString(), any())).thenAnswer(call -> {
            gauges.put(call.getArgument(0), call.getArgument(1));
            return call.getArgument(1);
        });
        return new Context(context, counters, gauges);
    }
}
