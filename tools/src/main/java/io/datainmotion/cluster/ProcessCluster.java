package io.datainmotion.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.io.file.PathUtils;
import org.apache.storm.generated.TopologySummary;

/**
 * A real Storm cluster on this machine: ZooKeeper (bound to 127.0.0.1), Nimbus and one or more
 * Supervisors, each its own JVM, and the workers the Supervisors launch. Each Supervisor stands in for
 * a host: its own storm.yaml, {@code storm.local.dir} (so its own supervisor id), Thrift and slot ports.
 * Everything lives in one directory: a throwaway {@code storm.home} laid out as a Storm installation
 * would be, the daemons' data, a state file that lets another JVM find and stop the cluster, and the
 * logs (kept after stop).
 */
public final class ProcessCluster {

    public static final String ZOOKEEPER = "zookeeper";
    public static final String NIMBUS = "nimbus";
    public static final String SUPERVISOR = "supervisor";

    /**
     * @param supervisors how many Supervisors (hosts) to run
     * @param slotsPerSupervisor worker slots of each
     * @param settings storm.yaml settings added to (or replacing) the ones this class writes, e.g.
     *     lower failure-detection timeouts for a test
     */
    public record Layout(int supervisors, int slotsPerSupervisor, Map<String, Object> settings) {

        public static final Layout DEFAULT = new Layout(1, 2, Map.of());

        public Layout {
            if (supervisors < 1 || slotsPerSupervisor < 1) {
                throw new IllegalArgumentException("a cluster needs at least one Supervisor with one slot");
            }
            settings = Map.copyOf(settings);
        }
    }

    private static final String STATE_FILE = "cluster.json";
    private static final String HOST = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final ClusterState state;

    private ProcessCluster(Path directory, ClusterState state) {
        this.directory = directory;
        this.state = state;
    }

    /** The cluster whose state is in {@code directory}, if one was started there and not stopped. */
    public static Optional<ProcessCluster> find(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        return ClusterState.read(absolute.resolve(STATE_FILE)).map(s -> new ProcessCluster(absolute, s));
    }

    /**
     * Starts the daemons as processes that outlive this JVM and returns once the Supervisor has
     * registered its slots with Nimbus. Refuses if a cluster from {@code directory} is still running.
     * A JVM that ends before the start returns (Ctrl-C, SIGTERM) stops what was started; after that the
     * cluster outlives it, as {@code bin/dim cluster start} promises, unless {@link #stopsWhenThisJvmEnds}.
     *
     * @param templates the directory with the worker.xml and cluster.xml logging configurations
     */
    public static ProcessCluster start(StormInstallation installation, Path templates, Path directory, Duration timeout) {
        return start(installation, templates, directory, Layout.DEFAULT, timeout);
    }

    /** Starts a cluster of the given layout; see {@link #start(StormInstallation, Path, Path, Duration)}. */
    public static ProcessCluster start(StormInstallation installation, Path templates, Path directory, Layout layout,
                                       Duration timeout) {
        Path dir = directory.toAbsolutePath().normalize();
        Optional<ProcessCluster> previous = find(dir);
        if (previous.isPresent()) {
            if (previous.get().state.daemons().stream().anyMatch(ClusterState.Daemon::alive)) {
                throw new IllegalStateException("a cluster is already running from " + dir + " (stop it first)");
            }
            previous.get().stop(Duration.ofSeconds(30));
        }
        String daemonClasspath = installation.daemonClasspath();
        Path libWorker = installation.libWorker();
        try {
            deleteIfExists(dir);
            int perSupervisor = 1 + layout.slotsPerSupervisor();
            List<Integer> ports = freePorts(2 + layout.supervisors() * perSupervisor);
            List<ClusterState.Supervisor> supervisors = new ArrayList<>();
            for (int i = 0; i < layout.supervisors(); i++) {
                int first = 2 + i * perSupervisor;
                String name = layout.supervisors() == 1 ? SUPERVISOR : SUPERVISOR + "-" + (i + 1);
                supervisors.add(new ClusterState.Supervisor(name, ports.get(first),
                        List.copyOf(ports.subList(first + 1, first + perSupervisor))));
            }
            ClusterState state = new ClusterState(ports.get(0), ports.get(1), List.copyOf(supervisors), List.of());
            ProcessCluster cluster = new ProcessCluster(dir, state);
            cluster.layOut(libWorker, templates, layout.settings());
            long deadline = System.nanoTime() + timeout.toNanos();
            return cluster.launch(daemonClasspath, deadline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a Storm cluster in " + dir, e);
        }
    }

    public Path directory() {
        return directory;
    }

    public ClusterState state() {
        return state;
    }

    /** The storm.yaml clients use to reach this cluster ({@code storm jar}, NimbusClient). */
    public Path stormYaml() {
        return home().resolve("conf/storm.yaml");
    }

    public Path logDir() {
        return directory.resolve("logs");
    }

    public Path home() {
        return directory.resolve("storm-home");
    }

    private Path localDir() {
        return directory.resolve("storm-local");
    }

    private Path localDir(ClusterState.Supervisor supervisor) {
        return directory.resolve("storm-local-" + supervisor.name());
    }

    /** The storm.yaml a Supervisor (and the workers it launches) reads. */
    private Path stormYaml(ClusterState.Supervisor supervisor) {
        return home().resolve("conf/" + supervisor.name() + ".yaml");
    }

    private Path zookeeperDir() {
        return directory.resolve("zookeeper");
    }

    private void layOut(Path libWorker, Path templates, Map<String, Object> settings) throws IOException {
        Files.createDirectories(home().resolve("conf"));
        Files.createDirectories(home().resolve("extlib"));
        Files.createDirectories(home().resolve("log4j2"));
        Files.createDirectories(logDir());
        Files.createDirectories(localDir());
        for (ClusterState.Supervisor supervisor : state.supervisors()) {
            Files.createDirectories(localDir(supervisor));
            Files.writeString(stormYaml(supervisor), stormYaml(state, supervisor, localDir(supervisor), logDir(), settings));
        }
        Files.createDirectories(zookeeperDir());
        Files.createSymbolicLink(home().resolve("lib-worker"), libWorker);
        for (String config : List.of("worker.xml", "cluster.xml")) {
            Files.copy(templates.resolve(config), home().resolve("log4j2").resolve(config), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(stormYaml(), stormYaml(state, state.supervisors().get(0), localDir(), logDir(), settings));
        Files.writeString(zookeeperDir().resolve("zoo.cfg"), String.join("\n",
                "dataDir=" + zookeeperDir().resolve("data"),
                "clientPort=" + state.zookeeperPort(),
                "clientPortAddress=" + HOST,
                "tickTime=2000",
                "maxClientCnxns=0",
                "admin.enableServer=false",
                ""));
    }

    static String stormYaml(ClusterState state, ClusterState.Supervisor supervisor, Path localDir, Path logDir,
                            Map<String, Object> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("storm.zookeeper.servers", List.of(HOST));
        settings.put("storm.zookeeper.port", state.zookeeperPort());
        settings.put("storm.local.hostname", "localhost");
        settings.put("nimbus.seeds", List.of("localhost"));
        settings.put("nimbus.thrift.port", state.nimbusPort());
        settings.put("supervisor.thrift.port", supervisor.thriftPort());
        settings.put("supervisor.slots.ports", supervisor.slotPorts());
        settings.put("storm.local.dir", localDir.toString());
        settings.put("storm.log.dir", logDir.toString());
        // The default carries Java 8 GC-logging flags that Java 17 refuses.
        settings.put("worker.childopts", "-Xmx%HEAP-MEM%m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        // The default 10 s delays a new topology's first assignment by up to 10 s.
        settings.put("nimbus.monitor.freq.secs", 2);
        settings.putAll(overrides);
        StringBuilder yaml = new StringBuilder("# Written by bin/dim cluster start; removed by bin/dim cluster stop.\n");
        settings.forEach((key, value) -> yaml.append(key).append(": ").append(json(value)).append('\n'));
        return yaml.toString();
    }

    /** JSON values are YAML flow values, with every string safely quoted. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ProcessCluster launch(String daemonClasspath, long deadline) throws IOException {
        ProcessCluster cluster = this;
        Thread abandoned = stopOnExit(directory, "cluster-start-abandoned");
        try {
            cluster = cluster.started(ZOOKEEPER, daemon(daemonClasspath, ZOOKEEPER, stormYaml(), "-Xmx128m",
                    "org.apache.storm.shade.org.apache.zookeeper.server.ZooKeeperServerMain",
                    zookeeperDir().resolve("zoo.cfg").toString()));
            ProcessCluster withZookeeper = cluster;
            await(deadline, "ZooKeeper to listen on port " + state.zookeeperPort(),
                    () -> withZookeeper.failIfDead(ZOOKEEPER) && listening(state.zookeeperPort()));
            cluster = cluster.startedNimbus(daemonClasspath);
            for (ClusterState.Supervisor supervisor : state.supervisors()) {
                cluster = cluster.startedSupervisor(daemonClasspath, supervisor);
            }
            ProcessCluster all = cluster;
            await(deadline, "Nimbus to listen on port " + state.nimbusPort(),
                    () -> all.failIfDead(NIMBUS) && all.supervisorsAlive() && listening(state.nimbusPort()));
            await(deadline, "the Supervisors to register their slots with Nimbus",
                    () -> all.supervisorsAlive() && all.registeredSlots() >= state.slotPorts().size());
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.stop(Duration.ofSeconds(30));
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(abandoned);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it stops the cluster
            }
        }
    }

    /**
     * Stops this cluster when this JVM ends (short of SIGKILL), for a cluster that belongs to one run,
     * such as a test's: a killed test JVM then leaves no daemons or workers behind. What is stopped is
     * what the directory's state records then (a daemon restarted since included); nothing, if the
     * cluster was stopped before.
     */
    public ProcessCluster stopsWhenThisJvmEnds() {
        stopOnExit(directory, "cluster-stop-on-exit");
        return this;
    }

    private static Thread stopOnExit(Path directory, String name) {
        Thread hook = new Thread(() -> find(directory).ifPresent(cluster -> cluster.stop(Duration.ofSeconds(10))), name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private ProcessCluster startedNimbus(String daemonClasspath) throws IOException {
        return started(NIMBUS, daemon(daemonClasspath, NIMBUS, stormYaml(), "-Xmx256m", "org.apache.storm.daemon.nimbus.Nimbus"));
    }

    private ProcessCluster startedSupervisor(String daemonClasspath, ClusterState.Supervisor supervisor) throws IOException {
        return started(supervisor.name(), daemon(daemonClasspath, supervisor.name(), stormYaml(supervisor), "-Xmx256m",
                "org.apache.storm.daemon.supervisor.Supervisor"));
    }

    private boolean supervisorsAlive() {
        return state.supervisors().stream().allMatch(s -> failIfDead(s.name()));
    }

    /**
     * Starts a daemon of this cluster again after it died or was killed (Nimbus or a Supervisor, by
     * name), as an operator restarts a failed host's daemon, and returns the cluster with its new process.
     */
    public ProcessCluster restart(StormInstallation installation, String name) {
        if (state.daemon(name).map(ClusterState.Daemon::alive).orElse(false)) {
            throw new IllegalStateException(name + " is still running");
        }
        try {
            if (name.equals(NIMBUS)) {
                return startedNimbus(installation.daemonClasspath());
            }
            ClusterState.Supervisor supervisor = state.supervisors().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no daemon named " + name + " to restart"));
            return startedSupervisor(installation.daemonClasspath(), supervisor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + name, e);
        }
    }

    private ProcessCluster started(String name, Process process) {
        ClusterState more = state.with(ClusterState.Daemon.of(name, process));
        more.write(directory.resolve(STATE_FILE));
        return new ProcessCluster(directory, more);
    }

    private Process daemon(String classpath, String name, Path stormYaml, String heap, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+UseSerialGC",
                "-cp", classpath + ":" + home().resolve("conf"),
                "-Dstorm.home=" + home(),
                "-Dstorm.conf.file=" + stormYaml,
                "-Dstorm.log.dir=" + logDir(),
                "-Dlogfile.name=" + name + ".log",
                "-Ddaemon.name=" + name,
                "-Dlog4j.configurationFile=" + home().resolve("log4j2/cluster.xml"),
                "-Dzookeeper.jmx.log4j.disable=true",
                mainClass));
        command.addAll(List.of(args));
        Path console = logDir().resolve(name + ".out");
        return new ProcessBuilder(command)
                .directory(home().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .redirectErrorStream(true)
                .start();
    }

    private boolean failIfDead(String name) {
        if (state.daemon(name).map(ClusterState.Daemon::alive).orElse(false)) {
            return true;
        }
        throw new IllegalStateException(name + " exited during start; see " + logDir().resolve(name + ".log")
                + " and " + logDir().resolve(name + ".out"));
    }

    private int registeredSlots() {
        try (StormClusterClient client = StormClusterClient.connect(stormYaml())) {
            return client.summary().get_supervisors().stream().mapToInt(s -> s.get_num_workers()).sum();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    /** Whether each daemon the cluster started is still running, in start order. */
    public Map<String, Boolean> daemonsAlive() {
        Map<String, Boolean> alive = new LinkedHashMap<>();
        state.daemons().forEach(d -> alive.put(d.name(), d.alive()));
        return alive;
    }

    /**
     * Every live process of this cluster: the daemons, what the Supervisor launched (each worker is a
     * LogWriter JVM and its Worker JVM), and workers orphaned by a Supervisor that died before them,
     * found by the storm.home of this cluster on their command line.
     */
    public Set<ProcessHandle> processes() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (ClusterState.Daemon daemon : state.daemons()) {
            daemon.handle().ifPresent(handle -> {
                all.add(handle);
                handle.descendants().forEach(all::add);
            });
        }
        String marker = "-Dstorm.home=" + home();
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.allProcesses()
                .filter(p -> !p.equals(self))
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(all::add);
        return all;
    }

    /**
     * Kills the running topologies, ends every process of the cluster (the Supervisor first so it
     * cannot relaunch workers, ZooKeeper last so the others can close their sessions), and deletes
     * everything in the cluster directory except the logs.
     *
     * @return what could not be done cleanly, e.g. a process that needed SIGKILL
     */
    public List<String> stop(Duration timeout) {
        List<String> notes = new ArrayList<>(killTopologies());
        List<ProcessHandle> supervisors = state.supervisors().stream()
                .flatMap(s -> state.daemon(s.name()).flatMap(ClusterState.Daemon::handle).stream()).toList();
        Optional<ProcessHandle> zookeeper = state.daemon(ZOOKEEPER).flatMap(ClusterState.Daemon::handle);
        Set<ProcessHandle> everything = processes();
        List<ProcessHandle> ordered = new ArrayList<>(supervisors);
        everything.stream().filter(p -> !supervisors.contains(p) && !zookeeper.equals(Optional.of(p)))
                .forEach(ordered::add);
        notes.addAll(end(ordered, timeout));
        notes.addAll(end(zookeeper.stream().toList(), timeout));
        try {
            List<Path> stateDirs = new ArrayList<>(List.of(home(), localDir(), zookeeperDir()));
            state.supervisors().forEach(s -> stateDirs.add(localDir(s)));
            for (Path stateDir : stateDirs) {
                deleteIfExists(stateDir);
            }
            Files.deleteIfExists(directory.resolve(STATE_FILE));
        } catch (IOException e) {
            notes.add("could not delete the cluster state in " + directory + ": " + e.getMessage());
        }
        return notes;
    }

    private List<String> killTopologies() {
        if (!state.daemon(NIMBUS).map(ClusterState.Daemon::alive).orElse(false)) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        try (StormClusterClient client = StormClusterClient.connect(stormYaml())) {
            for (TopologySummary topology : client.topologies()) {
                if (topology.get_status().equals("KILLED")) {
                    continue;
                }
                try {
                    client.kill(topology.get_name(), 0);
                } catch (IllegalArgumentException alreadyGone) {
                    // killed by someone else since it was listed
                } catch (RuntimeException e) {
                    notes.add("could not kill topology " + topology.get_name() + ": " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            notes.add("could not reach Nimbus to kill the topologies: " + e.getMessage());
        }
        return notes;
    }

    private static List<String> end(List<ProcessHandle> processes, Duration timeout) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> notes = new ArrayList<>();
        for (ProcessHandle process : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                notes.add("process " + process.pid() + " ignored SIGTERM for " + timeout.toSeconds() + " s; killed");
                process.destroyForcibly();
                try {
                    process.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    notes.add("process " + process.pid() + " survived SIGKILL");
                }
            }
        }
        return notes;
    }

    private static void await(long deadline, String what, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Distinct free ports, held open together while choosing so that none is picked twice. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteIfExists(Path path) throws IOException {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.deleteDirectory(path);
        }
    }

    /** All the ports of the cluster that something still listens on (on 127.0.0.1). */
    public List<Integer> portsInUse() {
        return state.ports().stream().filter(ProcessCluster::listening).toList();
    }
}
