package io.datainmotion.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code ${...}} placeholders Flux would leave unresolved in a YAML file. Flux substitutes
 * textually, one placeholder per line, with a match that runs to the last {@code }} of the line; a
 * second placeholder on the same line, or a key missing from the properties, stays literal.
 */
public final class FluxPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private FluxPlaceholders() {}

    /** An unresolved placeholder, with the 1-based line it is on. */
    public record Problem(Path file, int line, String placeholder, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + placeholder + " " + why;
        }
    }

    public static List<Problem> check(Path fluxFile, Properties properties) {
        List<String> lines;
        try {
            lines = Files.readAllLines(fluxFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fluxFile, e);
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = commentStart(line);
            Matcher m = PLACEHOLDER.matcher(hash < 0 ? line : line.substring(0, hash));
            int count = 0;
            while (m.find()) {
                count++;
                String key = m.group(1);
                if (count > 1) {
                    problems.add(new Problem(fluxFile, i + 1, m.group(),
                            "is the second placeholder on its line; Flux substitutes only one per line"));
                } else if (key.startsWith("ENV-")) {
                    if (System.getenv(key.substring(4)) == null) {
                        problems.add(new Problem(fluxFile, i + 1, m.group(), "names an unset environment variable"));
                    }
                } else if (!properties.containsKey(key)) {
                    problems.add(new Problem(fluxFile, i + 1, m.group(), "has no value in the properties"));
                }
            }
        }
        return problems;
    }

    /**
     * {@link #check} of the file and of every file it includes: Flux fills the placeholders of an
     * included file from the same properties.
     */
    public static List<Problem> checkWithIncludes(Path fluxFile, Properties properties) {
        List<Problem> problems = new ArrayList<>(check(fluxFile, properties));
        for (Path included : FluxTopology.includedFiles(fluxFile, properties)) {
            problems.addAll(check(included, properties));
        }
        return problems;
    }

    /** YAML comments start at a '#' preceded by whitespace (or at the line start). */
    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }
}
