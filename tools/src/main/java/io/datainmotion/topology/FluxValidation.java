package io.datainmotion.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.batch.KafkaSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.storm.Config;
import org.apache.storm.flux.FluxBuilder;
import org.apache.storm.flux.model.BeanDef;
import org.apache.storm.flux.model.BeanListReference;
import org.apache.storm.flux.model.BeanReference;
import org.apache.storm.flux.model.BoltDef;
import org.apache.storm.flux.model.ExecutionContext;
import org.apache.storm.flux.model.ObjectDef;
import org.apache.storm.flux.model.SpoutDef;
import org.apache.storm.flux.model.StreamDef;
import org.apache.storm.flux.model.TopologyDef;
import org.apache.storm.flux.model.VertexDef;
import org.apache.storm.topology.IComponent;

/**
 * Checks a Flux file and its properties before anything is submitted, and reports every problem it
 * finds in one run, with file and line where it can: placeholders Flux would leave literal, classes
 * that do not load, constructors, factories and config methods that do not match, streams between
 * unknown components, and (when the broker answers) {@code topic.*} topics missing from Kafka.
 * Each component is built on its own so that one broken component does not hide the next.
 */
public final class FluxValidation {

    private static final int BROKER_TIMEOUT_SECONDS = 10;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** How Flux names a config method it cannot find or call. */
    private static final Pattern CONFIG_METHOD = Pattern.compile("configuration method '([^']+)'");

    /** A problem, located as {@code file:line}, or just the file when the line is unknown. */
    public record Problem(String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    private final Path fluxFile;
    private final List<String> lines;
    /** The file's lines, then those of each file it includes: where problems are looked up. */
    private final Map<Path, List<String>> sources = new LinkedHashMap<>();
    private final Properties properties;
    private final List<Problem> problems = new ArrayList<>();
    /** The property keys the file and its includes use, so that only their topics are checked. */
    private final Set<String> referencedKeys = new HashSet<>();

    private FluxValidation(Path fluxFile, Properties properties) {
        this.fluxFile = fluxFile;
        this.properties = properties;
        try {
            this.lines = Files.readAllLines(fluxFile);
            sources.put(fluxFile, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fluxFile, e);
        }
    }

    /**
     * @param checkTopics whether to ask the broker named by kafka.bootstrap.servers for the topics; a
     *     broker that does not answer is then a problem too, since the topology would not either
     * @return every problem found, none when the file is fine
     */
    public static List<Problem> check(Path fluxFile, Properties properties, boolean checkTopics) {
        FluxValidation validation = new FluxValidation(fluxFile, properties);
        validation.run(checkTopics);
        return List.copyOf(validation.problems);
    }

    private void run(boolean checkTopics) {
        placeholders(fluxFile);
        TopologyDef definition;
        try {
            definition = FluxTopology.parse(fluxFile, properties);
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(fluxFile.toString(), "not a readable Flux file: " + message(e)));
            return;
        }
        if (definition == null) {
            problems.add(new Problem(fluxFile.toString(), "is empty"));
            return;
        }
        referencedKeys.addAll(placeholderKeys(lines));
        for (Path included : FluxTopology.includedFiles(fluxFile, properties)) {
            placeholders(included);
            try {
                List<String> includedLines = Files.readAllLines(included);
                sources.putIfAbsent(included, includedLines);
                referencedKeys.addAll(placeholderKeys(includedLines));
            } catch (IOException e) {
                problems.add(new Problem(fluxFile.toString(), "cannot read the included " + included + ": " + e.getMessage()));
            }
        }
        if (!definition.validate()) {
            problems.add(new Problem(fluxFile.toString(), "is not a valid topology definition (it needs a name, "
                    + "and spouts and bolts, or a topologySource)"));
            return;
        }
        kryoRegistrations(definition);
        if (definition.isDslTopology()) {
            taskCounts(definition);
            buildEachComponent(definition);
            streams(definition);
        }
        if (problems.isEmpty()) {
            buildWhole(definition);
        }
        if (checkTopics) {
            topics();
        }
    }

    private void placeholders(Path file) {
        for (FluxPlaceholders.Problem p : FluxPlaceholders.check(file, properties)) {
            problems.add(new Problem(p.file() + ":" + p.line(), p.placeholder() + " " + p.why()));
        }
    }

    private void kryoRegistrations(TopologyDef definition) {
        Object registrations = definition.getConfig() == null ? null : definition.getConfig().get(Config.TOPOLOGY_KRYO_REGISTER);
        if (!(registrations instanceof List<?> list)) {
            return;
        }
        for (Object entry : list) {
            Collection<?> classNames = entry instanceof Map<?, ?> map ? map.keySet() : List.of(entry);
            for (Object className : classNames) {
                try {
                    Class.forName(String.valueOf(className), false, getClass().getClassLoader());
                } catch (ClassNotFoundException e) {
                    problems.add(new Problem(where(Pattern.quote(String.valueOf(className))),
                            Config.TOPOLOGY_KRYO_REGISTER + " names class " + className + ", which is not on the classpath"));
                }
            }
        }
    }

    /**
     * Storm runs at most one executor per task: a component given fewer tasks than its parallelism would
     * silently run on fewer executors than asked for, and could never be rebalanced up to it.
     */
    private void taskCounts(TopologyDef definition) {
        List<VertexDef> vertices = new ArrayList<>(definition.getSpouts());
        vertices.addAll(definition.getBolts());
        for (VertexDef vertex : vertices) {
            if (vertex.getNumTasks() > 0 && vertex.getNumTasks() < vertex.getParallelism()) {
                problems.add(new Problem(where("id: \"" + Pattern.quote(vertex.getId()) + "\""), "component " + vertex.getId()
                        + " has parallelism " + vertex.getParallelism() + " but only " + vertex.getNumTasks()
                        + " task(s): Storm would run it on " + vertex.getNumTasks() + " executor(s); give it at least as many tasks"));
            }
        }
    }

    /** Builds each component, spout and bolt with only the components that built before it. */
    private void buildEachComponent(TopologyDef definition) {
        Config config = FluxBuilder.buildConfig(definition);
        List<BeanDef> built = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        for (BeanDef component : definition.getComponents()) {
            if (dependsOnFailed(component, failed)) {
                failed.add(component.getId());
                continue;
            }
            if (probe(definition, config, concat(built, component), List.of(), List.of(), "component", component)) {
                built.add(component);
            } else {
                failed.add(component.getId());
            }
        }
        for (SpoutDef spout : definition.getSpouts()) {
            if (!dependsOnFailed(spout, failed)) {
                probe(definition, config, built, List.of(spout), List.of(), "spout", spout);
            }
        }
        for (BoltDef bolt : definition.getBolts()) {
            if (!dependsOnFailed(bolt, failed)) {
                probe(definition, config, built, List.of(), List.of(bolt), "bolt", bolt);
            }
        }
    }

    private boolean probe(TopologyDef whole, Config config, List<BeanDef> components, List<SpoutDef> spouts,
                          List<BoltDef> bolts, String kind, BeanDef subject) {
        TopologyDef part = new TopologyDef();
        part.setName(whole.getName());
        part.setConfig(whole.getConfig());
        part.setComponents(components);
        part.setSpouts(spouts);
        part.setBolts(bolts);
        part.setStreams(List.of());
        try {
            ExecutionContext context = new ExecutionContext(part, config);
            FluxBuilder.buildTopology(context);
            // Storm asks a bolt for its configuration (where our components refuse missing settings)
            // only when the bolt is wired to a stream, and a probe has no streams.
            for (BoltDef bolt : bolts) {
                if (context.getBolt(bolt.getId()) instanceof IComponent component) {
                    component.getComponentConfiguration();
                }
            }
            return true;
        } catch (Exception | LinkageError e) {
            problems.add(new Problem(locate(subject, message(e)), kind + " '" + subject.getId() + "': " + message(e)));
            return false;
        }
    }

    private void streams(TopologyDef definition) {
        Set<String> sources = new HashSet<>();
        definition.getSpouts().forEach(s -> sources.add(s.getId()));
        definition.getBolts().forEach(b -> sources.add(b.getId()));
        Set<String> bolts = new HashSet<>();
        definition.getBolts().forEach(b -> bolts.add(b.getId()));
        for (StreamDef stream : definition.getStreams() == null ? List.<StreamDef>of() : definition.getStreams()) {
            if (!sources.contains(stream.getFrom())) {
                problems.add(new Problem(where("from:\\s*[\"']?" + Pattern.quote(String.valueOf(stream.getFrom())) + "[\"']?\\s*$"),
                        "stream from unknown spout or bolt '" + stream.getFrom() + "'"));
            }
            if (!bolts.contains(stream.getTo())) {
                problems.add(new Problem(where("to:\\s*[\"']?" + Pattern.quote(String.valueOf(stream.getTo())) + "[\"']?\\s*$"),
                        "stream to unknown bolt '" + stream.getTo() + "'"));
            }
        }
    }

    private void buildWhole(TopologyDef definition) {
        try {
            FluxBuilder.buildTopology(new ExecutionContext(definition, FluxBuilder.buildConfig(definition)));
        } catch (Exception | LinkageError e) {
            problems.add(new Problem(fluxFile.toString(), "Flux cannot build the topology: " + message(e)));
        }
    }

    private void topics() {
        String bootstrap = properties.getProperty("kafka.bootstrap.servers");
        if (bootstrap == null || referencedKeys.stream().noneMatch(k -> k.startsWith(LocalStorm.TOPIC_PROPERTY_PREFIX))) {
            return;
        }
        Map<String, Object> admin = KafkaClients.admin(bootstrap);
        admin.put("request.timeout.ms", BROKER_TIMEOUT_SECONDS * 1000);
        admin.put("default.api.timeout.ms", BROKER_TIMEOUT_SECONDS * 1000);
        try {
            admin.putAll(KafkaSecurity.fromProperties(properties, System.getenv()));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(fluxFile.toString(), "Kafka client security: " + e.getMessage()));
            return;
        }
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get(BROKER_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
            for (String key : new TreeSet<>(referencedKeys)) {
                if (key.startsWith(LocalStorm.TOPIC_PROPERTY_PREFIX) && properties.containsKey(key)
                        && !existing.contains(properties.getProperty(key))) {
                    problems.add(new Problem(fluxFile.toString(), "topic '" + properties.getProperty(key) + "' (" + key
                            + ") does not exist on " + bootstrap));
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                problems.add(new Problem(fluxFile.toString(), "Kafka at " + bootstrap + " refused the client: "
                        + e.getCause().getMessage()));
            } else if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                problems.add(noAnswer(bootstrap, admin.get("security.protocol")));
            } else {
                problems.add(new Problem(fluxFile.toString(), "cannot list the topics on Kafka at " + bootstrap + ": "
                        + message(e)));
            }
        } catch (TimeoutException e) {
            problems.add(noAnswer(bootstrap, admin.get("security.protocol")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    /** A client speaking the wrong security protocol gets no error from Kafka, only silence. */
    private Problem noAnswer(String bootstrap, Object protocol) {
        return new Problem(fluxFile.toString(), "no answer from Kafka at " + bootstrap + " within "
                + BROKER_TIMEOUT_SECONDS + " s: it is not running, or it expects another " + KafkaSecurity.PROTOCOL
                + " than " + protocol + " (skip this check with --no-topic-check)");
    }

    private static Set<String> placeholderKeys(List<String> text) {
        Set<String> keys = new HashSet<>();
        for (String line : text) {
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static boolean dependsOnFailed(ObjectDef definition, Set<String> failed) {
        if (failed.isEmpty()) {
            return false;
        }
        Set<String> references = new HashSet<>();
        collectReferences(definition.getConstructorArgs(), references);
        collectReferences(definition.getFactoryArgs(), references);
        if (definition.getConfigMethods() != null) {
            definition.getConfigMethods().forEach(m -> collectReferences(m.getArgs(), references));
        }
        if (definition.getProperties() != null) {
            definition.getProperties().forEach(p -> {
                if (p.getRef() != null) {
                    references.add(p.getRef());
                }
            });
        }
        return references.stream().anyMatch(failed::contains);
    }

    private static void collectReferences(Object value, Set<String> into) {
        if (value instanceof BeanReference reference) {
            into.add(reference.getId());
        } else if (value instanceof BeanListReference references) {
            into.addAll(references.getIds());
        } else if (value instanceof Collection<?> values) {
            values.forEach(v -> collectReferences(v, into));
        }
    }

    private static <T> List<T> concat(List<T> list, T last) {
        List<T> more = new ArrayList<>(list);
        more.add(last);
        return more;
    }

    /**
     * The line a build failure is about: the config method or class it names, if the definition has
     * that line, else the definition's id; in the file itself or, for a definition it includes, in the
     * included file.
     */
    private String locate(BeanDef subject, String failure) {
        Matcher method = CONFIG_METHOD.matcher(failure);
        boolean namesMethod = method.find();
        for (Map.Entry<Path, List<String>> source : sources.entrySet()) {
            List<String> text = source.getValue();
            int idLine = lineMatching(text, "id:\\s*[\"']?" + Pattern.quote(subject.getId()) + "[\"']?\\s*$", 0);
            if (idLine < 0) {
                continue;
            }
            int line = -1;
            if (namesMethod) {
                line = lineMatching(text, "name:\\s*[\"']?" + Pattern.quote(method.group(1)) + "[\"']?\\s*$", idLine);
            } else if (failure.startsWith("ClassNotFoundException")) {
                line = lineMatching(text, "className:\\s*[\"']?" + Pattern.quote(subject.getClassName()), idLine);
            }
            return source.getKey() + ":" + ((line >= 0 ? line : idLine) + 1);
        }
        return fluxFile.toString();
    }

    /** {@code file:line} of the first line matching the pattern, in the file or its includes, or just the file. */
    private String where(String regex) {
        for (Map.Entry<Path, List<String>> source : sources.entrySet()) {
            int line = lineMatching(source.getValue(), regex, 0);
            if (line >= 0) {
                return source.getKey() + ":" + (line + 1);
            }
        }
        return fluxFile.toString();
    }

    /** The 0-based index of the first line from {@code from} on that matches, or -1. */
    private static int lineMatching(List<String> text, String regex, int from) {
        Pattern pattern = Pattern.compile(regex);
        for (int i = from; i < text.size(); i++) {
            if (pattern.matcher(text.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** The innermost cause's type and message: what the author of the file can act on. */
    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return root.getClass().getSimpleName() + (text == null ? "" : ": " + text.replaceAll("\\s*\\R\\s*", " "));
    }
}
