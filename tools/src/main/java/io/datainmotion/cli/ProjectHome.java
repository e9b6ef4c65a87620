package io.datainmotion.cli;

import java.nio.file.Path;

/** The project directory bin/dim runs from (it passes -Ddim.home); the working directory otherwise. */
final class ProjectHome {

    private ProjectHome() {}

    static Path path() {
        return Path.of(System.getProperty("dim.home", ".")).toAbsolutePath().normalize();
    }

    static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
