package io.datainmotion.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/dim}: the command line for people. Each subcommand explains itself with {@code --help}. */
@Command(name = "dim",
        mixinStandardHelpOptions = true,
        versionProvider = Dim.Version.class,
        description = "Data in Motion: real-time tweet sentiment and IoT sensor pipelines on Storm and Kafka.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DemoCommand.class,
                KafkaCommand.class,
                ProduceCommand.class,
                ConsumeCommand.class,
                TopicsCommand.class,
                LagCommand.class,
                ResetOffsetsCommand.class,
                LocalCommand.class,
                TrainSentimentCommand.class,
                ScoreCommand.class,
                EvalSentimentCommand.class,
                BenchCommand.class,
                ValidateCommand.class,
                ClusterCommand.class,
                SubmitCommand.class,
                KillCommand.class,
                TopologyCommands.ListTopologies.class,
                TopologyCommands.Rebalance.class,
                TopologyCommands.Activate.class,
                TopologyCommands.Deactivate.class,
                TopologyCommands.SetLogLevel.class,
                SimulateSensorsCommand.class,
                IngestCommand.class,
                PostgresCommand.class,
                DbCommand.class,
                SqlCommand.class,
                DashboardCommand.class,
        })
public final class Dim implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Dim());
        cli.setParameterExceptionHandler(Dim::oneLineUsageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("dim " + cmd.getCommandName() + ": " + oneLine(e));
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        });
        return cli;
    }

    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("dim: " + oneLine(e) + " (see 'bin/dim "
                + qualifiedName(cmd) + "--help')");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String qualifiedName(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName(" ");
        return name.startsWith("dim ") ? name.substring(4) + " " : "";
    }

    /** A throwable's message on one line, as every command prints its error. */
    public static String oneLine(Throwable e) {
        String message = e instanceof FileSystemException file ? describe(file)
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The JDK's file exceptions carry only the path as their message; say what is wrong with it. */
    private static String describe(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getFile();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getFile();
        }
        return e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Dim.class.getPackage().getImplementationVersion();
            return new String[] {"data-in-motion " + (version == null ? "(development build)" : version)};
        }
    }
}
