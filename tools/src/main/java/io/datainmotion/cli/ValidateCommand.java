package io.datainmotion.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.datainmotion.topology.FluxValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a Flux file and its properties, reporting every problem at once.",
            "Each problem comes with file and line: unresolved or second-on-a-line placeholders, classes that do not load, constructors, factories",
            "and config methods that do not match, unknown stream ends, and the topic.* topics it uses that are",
            "missing on the broker (a broker that refuses the client or does not answer is a problem too).",
            "Exits 1 when there is a problem."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLUX_FILE", description = "The Flux YAML file, e.g. flux/sentiment.yaml.")
    Path fluxFile;

    @Mixin
    FluxPropertiesOptions properties;

    @Spec
    CommandSpec spec;

    @Option(names = "--no-topic-check", description = "Do not ask the broker whether the topics exist.")
    boolean noTopicCheck;

    @Override
    public Integer call() {
        return validate(fluxFile, properties, !noTopicCheck, spec.commandLine().getOut()) ? 0 : 1;
    }

    /** Prints the report; true when the file has no problem. */
    static boolean validate(Path fluxFile, FluxPropertiesOptions options, boolean checkTopics, PrintWriter out) {
        if (!Files.isRegularFile(fluxFile)) {
            throw new IllegalArgumentException("no such Flux file: " + fluxFile);
        }
        Properties properties = options.properties();
        List<FluxValidation.Problem> problems = FluxValidation.check(fluxFile, properties, checkTopics);
        problems.forEach(out::println);
        out.println(problems.isEmpty() ? fluxFile + ": OK" : fluxFile + ": " + problems.size() + " problem(s)");
        out.flush();
        return problems.isEmpty();
    }
}
