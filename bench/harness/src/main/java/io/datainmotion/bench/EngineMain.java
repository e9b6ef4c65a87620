package io.datainmotion.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.topology.FluxTopology;

/**
 * The JVM of one engine run, started by the harness: {@code EngineMain WORKLOAD ENGINE FLUX_FILE PROPERTIES STATS_FILE}.
 * Runs the engine until its standard input closes (the harness closes it, or dies), then writes the
 * heap it saw as JSON to STATS_FILE and exits. CPU time and RSS the harness reads from outside.
 */
public final class EngineMain {

    /** Heap figures of one engine JVM, in bytes. */
    public record HeapStats(long peakHeapAfterGc, long heapAfterFullGc) {}

    private EngineMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: EngineMain WORKLOAD ENGINE FLUX_FILE PROPERTIES STATS_FILE");
            System.exit(2);
        }
        Workload workload = Workload.of(args[0]);
        EngineKind kind = EngineKind.of(args[1]);
        Properties flux = FluxTopology.properties(Path.of(args[3]));
        AtomicLong peakAfterGc = new AtomicLong();
        watchHeapAfterEachGc(peakAfterGc);
        try (Engine engine = kind.create(workload, Path.of(args[2]), flux)) {
            engine.start();
            waitForEndOf(System.in);
        }
        System.gc();
        HeapStats stats = new HeapStats(peakAfterGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        new ObjectMapper().writeValue(Path.of(args[4]).toFile(), stats);
        // Storm and Flink leave non-daemon threads behind after a clean stop.
        System.exit(0);
    }

    private static void waitForEndOf(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    /** Keeps in {@code peak} the largest heap in use right after any collection: live data plus what survived. */
    private static void watchHeapAfterEachGc(AtomicLong peak) {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                long used = gc.getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                peak.accumulateAndGet(used, Math::max);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
        }
    }
}
