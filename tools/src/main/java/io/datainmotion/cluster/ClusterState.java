package io.datainmotion.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What {@code bin/dim cluster start} leaves behind for {@code status} and {@code stop}, which run in
 * other JVMs: the ports it chose and the processes it started.
 */
public record ClusterState(int zookeeperPort, int nimbusPort, List<Supervisor> supervisors, List<Daemon> daemons) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A process the cluster started. Its start time tells it apart from an unrelated process that
     * got the same id after it ended.
     */
    public record Daemon(String name, long pid, long startedEpochMillis) {

        static Daemon of(String name, Process process) {
            ProcessHandle handle = process.toHandle();
            return new Daemon(name, handle.pid(), startMillis(handle));
        }

        /** The process, if it is still the one that was started. */
        public Optional<ProcessHandle> handle() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> startMillis(p) == startedEpochMillis);
        }

        public boolean alive() {
            return handle().isPresent();
        }

        private static long startMillis(ProcessHandle handle) {
            return handle.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
        }
    }

    /**
     * One Supervisor, standing in for one host: its daemon name, Thrift port, worker slot ports, and
     * its own storm.yaml (each has its own {@code storm.local.dir}, so its own supervisor id).
     */
    public record Supervisor(String name, int thriftPort, List<Integer> slotPorts) {}

    /** Every port the cluster listens on. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(zookeeperPort, nimbusPort));
        supervisors.forEach(s -> {
            ports.add(s.thriftPort());
            ports.addAll(s.slotPorts());
        });
        return ports;
    }

    /** The worker slot ports of every Supervisor. */
    public List<Integer> slotPorts() {
        return supervisors.stream().flatMap(s -> s.slotPorts().stream()).toList();
    }

    public Optional<Daemon> daemon(String name) {
        return daemons.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** This state with the daemon added, or replacing the earlier process of the same name (a restart). */
    ClusterState with(Daemon daemon) {
        List<Daemon> more = new ArrayList<>(daemons.stream().filter(d -> !d.name().equals(daemon.name())).toList());
        more.add(daemon);
        return new ClusterState(zookeeperPort, nimbusPort, supervisors, List.copyOf(more));
    }

    void write(Path file) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Optional<ClusterState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClusterState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
