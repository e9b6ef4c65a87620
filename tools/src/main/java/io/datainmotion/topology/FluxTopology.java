package io.datainmotion.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.storm.Config;
import org.apache.storm.flux.FluxBuilder;
import org.apache.storm.flux.model.ExecutionContext;
import org.apache.storm.flux.model.IncludeDef;
import org.apache.storm.flux.model.TopologyDef;
import org.apache.storm.flux.parser.FluxParser;
import org.apache.storm.generated.StormTopology;

/**
 * A topology built from a Flux YAML file and its properties, exactly as {@code storm jar ... Flux}
 * builds it; bin/dim and the tests run topologies through this one class. Unlike Flux, it refuses a
 * file whose {@code ${...}} placeholders do not all resolve (Flux only logs a warning and leaves the
 * literal text in place, which fails later inside a worker).
 */
public record FluxTopology(String name, Config config, StormTopology topology) {

    /**
     * Flux's snakeyaml warns through java.util.logging on every parse about two fields that Flux maps
     * by setters; held here so the level sticks (JUL keeps loggers only weakly).
     */
    private static final java.util.logging.Logger SNAKEYAML_LOG = quiet("org.yaml.snakeyaml");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    public static FluxTopology load(Path fluxFile, Properties properties) {
        List<FluxPlaceholders.Problem> problems = FluxPlaceholders.checkWithIncludes(fluxFile, properties);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " unresolved placeholder(s): "
                    + String.join("; ", problems.stream().map(FluxPlaceholders.Problem::toString).toList()));
        }
        try {
            TopologyDef definition = parse(fluxFile, properties);
            if (!definition.validate()) {
                throw new IllegalArgumentException(fluxFile + " is not a valid Flux topology definition");
            }
            Config config = FluxBuilder.buildConfig(definition);
            StormTopology topology = FluxBuilder.buildTopology(new ExecutionContext(definition, config));
            return new FluxTopology(definition.getName(), config, topology);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fluxFile, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build " + fluxFile + ": " + rootMessage(e), e);
        }
    }

    /**
     * The directory relative include paths name a file in: the project directory bin/dim passes as
     * {@code dim.home}, so that bin/dim works from any directory; else, as for Flux itself, the
     * working directory.
     */
    public static Path includeBase() {
        return Path.of(System.getProperty("dim.home", "")).toAbsolutePath().normalize();
    }

    /** A file's includes (files, not classpath resources), as Flux reads them: one level deep. */
    public static List<Path> includedFiles(Path fluxFile, Properties properties) {
        try {
            return includedFiles(FluxParser.parseFile(fluxFile.toString(), false, false, properties, true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fluxFile, e);
        }
    }

    private static List<Path> includedFiles(TopologyDef unmerged) {
        if (unmerged == null || unmerged.getIncludes() == null) {
            return List.of();
        }
        return unmerged.getIncludes().stream().filter(include -> !include.isResource())
                .map(include -> includeBase().resolve(include.getFile())).toList();
    }

    /**
     * Flux's definition of the file with its includes merged as Flux merges them, except that a
     * relative include path starts at {@link #includeBase()}, not at the working directory.
     */
    static TopologyDef parse(Path fluxFile, Properties properties) throws IOException {
        TopologyDef definition = FluxParser.parseFile(fluxFile.toString(), false, false, properties, true);
        if (definition == null || definition.getIncludes() == null) {
            return definition;
        }
        for (IncludeDef include : definition.getIncludes()) {
            TopologyDef included = include.isResource()
                    ? FluxParser.parseResource(include.getFile(), false, false, properties, true)
                    : FluxParser.parseFile(includeBase().resolve(include.getFile()).toString(), false, false, properties, true);
            merge(definition, included, include.isOverride());
        }
        return definition;
    }

    /**
     * What flux-core 2.8.3's FluxParser.processIncludes does with one include, which it cannot be asked
     * to do with a path of ours, and does printing the whole included file to standard output.
     */
    private static void merge(TopologyDef into, TopologyDef included, boolean override) {
        if (included.getName() != null) {
            into.setName(included.getName(), override);
        }
        if (included.getConfig() != null) {
            Map<String, Object> config = into.getConfig();
            included.getConfig().forEach((key, value) -> {
                if (override || !config.containsKey(key)) {
                    config.put(key, value);
                }
            });
        }
        if (included.getComponents() != null) {
            into.addAllComponents(included.getComponents(), override);
        }
        if (included.getBolts() != null) {
            into.addAllBolts(included.getBolts(), override);
        }
        if (included.getSpouts() != null) {
            into.addAllSpouts(included.getSpouts(), override);
        }
        if (included.getStreams() != null) {
            into.addAllStreams(included.getStreams(), override);
        }
    }

    /** Loads properties files in order, later files overriding earlier ones. */
    public static Properties properties(Path... files) {
        Properties merged = new Properties();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                Properties one = new Properties();
                one.load(in);
                merged.putAll(one);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read properties " + file, e);
            }
        }
        return merged;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
