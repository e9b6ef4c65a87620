package io.datainmotion.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the JVMs of a run (broker, engines) on the harness's own classpath, logging as bin/dim does. */
record JvmLauncher(Path home, String classpath) {

    /** The launcher for this JVM's classpath, with the project at {@code home}. */
    static JvmLauncher current(Path home) {
        return new JvmLauncher(home, System.getProperty("java.class.path"));
    }

    /** Starts {@code mainClass}; its standard output and error go to {@code log}, its standard input stays a pipe. */
    Process start(List<String> jvmOptions, String mainClass, List<String> args, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + home.resolve("config/log4j2-dim.xml"));
        command.add("-Ddim.log.level=" + System.getProperty("dim.log.level", "WARN"));
        command.add("-Ddim.home=" + home);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
