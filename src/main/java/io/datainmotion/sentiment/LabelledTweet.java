package io.datainmotion.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A tweet with its gold label, as in the JSON-lines data sets ({@code {"text": ..., "label": ...}}). */
public record LabelledTweet(String text, Sentiment label) {

    /** Reads a JSON-lines file in order; a line without text or with an unknown label is an error. */
    public static List<LabelledTweet> readJsonLines(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<LabelledTweet> tweets = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                JsonNode text = node.get("text");
                JsonNode label = node.get("label");
                if (text == null || label == null) {
                    throw new IOException(file + ":" + lineNumber + ": needs \"text\" and \"label\"");
                }
                try {
                    tweets.add(new LabelledTweet(text.asText(), Sentiment.fromLabel(label.asText())));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + lineNumber + ": unknown label " + label, e);
                }
            }
        }
        return tweets;
    }
}
