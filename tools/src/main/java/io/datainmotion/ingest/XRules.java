package io.datainmotion.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the filtered stream's rules (which X keeps server-side, per app) in line with
 * {@code x.rules}: adds the configured rules that are missing, tagged with the project's tag, and
 * deletes the rules carrying that tag that are no longer configured. Rules that someone else added
 * under another tag are left alone. New rules are first validated with {@code dry_run=true}, so a
 * typo stops ingestion with X's own explanation before anything changes.
 */
public final class XRules {

    private static final Logger LOG = LoggerFactory.getLogger(XRules.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI rulesUri;
    private final String authorization;

    public XRules(HttpClient client, URI baseUri, String bearerToken) {
        this.client = client;
        this.rulesUri = baseUri.resolve("/2/tweets/search/stream/rules");
        this.authorization = "Bearer " + bearerToken;
    }

    /** {@code x.rules}: rules separated by {@code ;} (X's rule syntax has no use for it). */
    public static List<String> parse(String rules) {
        if (rules == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(rules.split(";")).map(String::strip)
                .filter(r -> !r.isEmpty()).toList()));
    }

    public record Rule(String id, String value, String tag) {}

    public List<Rule> list() throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(rulesUri).GET(), "list the rules");
        List<Rule> rules = new ArrayList<>();
        answer.path("data").forEach(r -> rules.add(new Rule(r.path("id").asText(), r.path("value").asText(),
                r.path("tag").isTextual() ? r.path("tag").asText() : null)));
        return rules;
    }

    public void sync(List<String> wanted, String tag) throws IOException, InterruptedException {
        List<Rule> existing = list();
        Set<String> present = new LinkedHashSet<>();
        existing.forEach(r -> present.add(r.value()));
        List<Map<String, String>> missing = wanted.stream().filter(v -> !present.contains(v))
                .map(v -> Map.of("value", v, "tag", tag)).toList();
        List<String> obsolete = existing.stream().filter(r -> tag.equals(r.tag()) && !wanted.contains(r.value()))
                .map(Rule::id).toList();
        if (!missing.isEmpty()) {
            post(Map.of("add", missing), true, "validate the rules");
            post(Map.of("add", missing), false, "add the rules");
            LOG.info("Added {} rule(s) to X's filtered stream: {}", missing.size(), missing);
        }
        if (!obsolete.isEmpty()) {
            post(Map.of("delete", Map.of("ids", obsolete)), false, "delete the rules no longer configured");
            LOG.info("Deleted {} rule(s) tagged '{}' that x.rules no longer lists", obsolete.size(), tag);
        }
        LOG.info("X's filtered stream rules: {} configured, {} added, {} deleted, {} left as they were",
                wanted.size(), missing.size(), obsolete.size(), existing.size() - obsolete.size());
    }

    private void post(Object body, boolean dryRun, String what) throws IOException, InterruptedException {
        URI uri = dryRun ? URI.create(rulesUri + "?dry_run=true") : rulesUri;
        JsonNode answer = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), what);
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            errors.forEach(e -> reasons.add(e.path("title").asText("error")
                    + (e.has("value") ? " '" + e.path("value").asText() + "'" : "")
                    + (e.has("details") ? ": " + String.join(" ", textsOf(e.path("details"))) : "")
                    + (e.has("detail") ? ": " + e.path("detail").asText() : "")));
            throw new IngestException("X refused to " + what + (dryRun ? " (dry run)" : "") + ": "
                    + String.join("; ", reasons));
        }
    }

    private JsonNode send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.header("Authorization", authorization).timeout(TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new IngestException("X refused to " + what + " with HTTP " + status
                    + ": check the bearer token (and that the app may use the filtered stream): "
                    + XFilteredStream.excerpt(response.body()));
        }
        if (status / 100 != 2) {
            throw new IngestException("X could not " + what + ": HTTP " + status + " "
                    + XFilteredStream.excerpt(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IngestException("X answered " + what + " with something that is not JSON: "
                    + XFilteredStream.excerpt(response.body()));
        }
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
