package io.datainmotion.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A local stand-in for X's filtered stream API on 127.0.0.1, written on plain sockets so that it can
 * do what a real network does to a stream: HTTP/1.1 with a chunked body of {@code \r\n}-terminated JSON
 * lines and blank keep-alives, a stall, a drop in the middle of a line, 429 with the
 * {@code x-rate-limit-*} headers, 503, an {@code operational-disconnect} notice, a connection closed
 * before any response. Every endpoint checks the bearer token (401 otherwise). The rules endpoints
 * keep rules, validate operators and honour {@code dry_run}. Each stream connection gets the next
 * scripted step; once the script is used up, connections are held open with keep-alives.
 */
final class FakeXApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATORS = Set.of("lang", "from", "to", "is", "has", "url", "sample",
            "place", "conversation_id", "context", "entity", "retweets_of", "bio", "in_reply_to_tweet_id");
    private static final Pattern OPERATOR = Pattern.compile("(?<![\\w\"])-?([a-z_]+):");

    /** How a stream connection that answered 200 ends. */
    enum Ending { MID_LINE_DROP, STALL, OPERATIONAL_DISCONNECT, HOLD }

    @FunctionalInterface
    interface StreamStep {
        void serve(Socket socket, OutputStream out) throws IOException;
    }

    private final String token;
    private final Clock clock;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-x");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<StreamStep> script = new ConcurrentLinkedQueue<>();
    private final Map<String, String[]> rules = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicLong nextRuleId = new AtomicLong(1_900_000_000_000_000_000L);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> streamQueries = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    FakeXApi(String token, Clock clock) throws IOException {
        this.token = token;
        this.clock = clock;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    void then(StreamStep step) {
        script.add(step);
    }

    void addRule(String id, String value, String tag) {
        rules.put(id, new String[] {value, tag});
    }

    /** value → tag of every rule held. */
    Map<String, String> rules() {
        synchronized (rules) {
            Map<String, String> byValue = new LinkedHashMap<>();
            rules.values().forEach(r -> byValue.put(r[0], r[1]));
            return byValue;
        }
    }

    /** "METHOD path?query" of every request, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    List<String> streamQueries() {
        return List.copyOf(streamQueries);
    }

    /** A post line as X sends it with tweet.fields=created_at,lang,author_id. */
    static String post(String id, String text, String lang) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("author_id", "4" + id.hashCode());
        data.put("created_at", "2026-01-01T00:00:" + String.format("%02d", Math.abs(id.hashCode()) % 60) + ".000Z");
        data.put("edit_history_tweet_ids", List.of(id));
        data.put("id", id);
        data.put("lang", lang);
        data.put("text", text);
        try {
            return JSON.writeValueAsString(Map.of("data", data,
                    "matching_rules", List.of(Map.of("id", "1", "tag", "data-in-motion"))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 200, then the lines with a keep-alive before each, then the ending. */
    static StreamStep stream(List<String> lines, Ending ending) {
        return (socket, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\nx-rate-limit-limit: 50\r\n"
                    + "x-rate-limit-remaining: 49\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (String line : lines) {
                chunk(out, "\r\n");
                chunk(out, line + "\r\n");
            }
            switch (ending) {
                case MID_LINE_DROP -> {
                    String next = post("999", "this line never ends", "en");
                    chunk(out, next.substring(0, next.length() / 2));
                    socket.close();
                }
                case STALL -> awaitClientClose(socket, 120_000);
                case OPERATIONAL_DISCONNECT -> {
                    chunk(out, "{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":"
                            + "\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream for "
                            + "operational reasons.\",\"type\":\"https://api.x.com/2/problems/operational-disconnect\"}]}\r\n");
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.close();
                }
                case HOLD -> holdWithKeepAlives(socket, out);
            }
        };
    }

    /** An error response, after which the fake closes the connection (and says so). */
    static StreamStep status(int status, String reason, Map<String, String> headers) {
        Map<String, String> closing = new LinkedHashMap<>(headers);
        closing.put("Connection", "close");
        return (socket, out) -> respond(out, status, reason, closing,
                "{\"title\":\"" + reason + "\",\"detail\":\"" + reason + "\",\"type\":\"about:blank\",\"status\":" + status + "}");
    }

    /** 429 with X's rate-limit headers, the window resetting this many seconds from the fake's clock. */
    StreamStep rateLimited(long resetInSeconds) {
        return (socket, out) -> status(429, "Too Many Requests", Map.of("x-rate-limit-limit", "50",
                "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", Long.toString(clock.instant().getEpochSecond() + resetInSeconds))).serve(socket, out);
    }

    /** The connection closes before any response: a network error to the client. */
    static StreamStep closeWithoutResponse() {
        return (socket, out) -> socket.close();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (!socket.isClosed()) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                requests.add(request.method + " " + request.target);
                if (!("Bearer " + token).equals(request.headers.get("authorization"))) {
                    respond(out, 401, "Unauthorized", Map.of(), "{\"title\":\"Unauthorized\",\"type\":\"about:blank\","
                            + "\"status\":401,\"detail\":\"Unauthorized\"}");
                    continue;
                }
                String path = request.target.split("\\?", 2)[0];
                if (path.equals("/2/tweets/search/stream")) {
                    streamQueries.add(request.target.contains("?") ? request.target.split("\\?", 2)[1] : "");
                    StreamStep step = script.poll();
                    (step != null ? step : stream(List.of(), Ending.HOLD)).serve(socket, out);
                    return;
                } else if (path.equals("/2/tweets/search/stream/rules") && request.method.equals("GET")) {
                    respond(out, 200, "OK", Map.of(), listRules());
                } else if (path.equals("/2/tweets/search/stream/rules") && request.method.equals("POST")) {
                    respond(out, 200, "OK", Map.of(), changeRules(request.body, request.target.contains("dry_run=true")));
                } else {
                    respond(out, 404, "Not Found", Map.of(), "{\"title\":\"Not Found Error\"}");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to serve
        }
    }

    private String listRules() throws IOException {
        List<Map<String, String>> data = new ArrayList<>();
        synchronized (rules) {
            rules.forEach((id, r) -> data.add(r[1] == null ? Map.of("id", id, "value", r[0])
                    : Map.of("id", id, "value", r[0], "tag", r[1])));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!data.isEmpty()) {
            answer.put("data", data);
        }
        answer.put("meta", Map.of("sent", clock.instant().toString(), "result_count", data.size()));
        return JSON.writeValueAsString(answer);
    }

    private String changeRules(String body, boolean dryRun) throws IOException {
        JsonNode change = JSON.readTree(body);
        List<Object> errors = new ArrayList<>();
        List<Map<String, String>> created = new ArrayList<>();
        Map<String, Object> answer = new LinkedHashMap<>();
        synchronized (rules) {
            if (change.has("add")) {
                for (JsonNode rule : change.get("add")) {
                    String value = rule.path("value").asText();
                    String problem = problem(value);
                    String existing = rules.entrySet().stream().filter(e -> e.getValue()[0].equals(value))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                    if (problem != null) {
                        errors.add(Map.of("value", value, "details", List.of(problem), "title", "Invalid Rule",
                                "type", "https://api.x.com/2/problems/invalid-rules"));
                    } else if (existing != null) {
                        errors.add(Map.of("value", value, "id", existing, "title", "DuplicateRule",
                                "type", "https://api.x.com/2/problems/duplicate-rules"));
                    } else {
                        String id = Long.toString(nextRuleId.incrementAndGet());
                        String tag = rule.path("tag").isTextual() ? rule.path("tag").asText() : null;
                        created.add(tag == null ? Map.of("id", id, "value", value) : Map.of("id", id, "value", value, "tag", tag));
                    }
                }
                if (!dryRun && errors.isEmpty()) {
                    created.forEach(r -> rules.put(r.get("id"), new String[] {r.get("value"), r.get("tag")}));
                }
                answer.put("data", created);
                answer.put("meta", Map.of("sent", clock.instant().toString(), "summary", Map.of(
                        "created", errors.isEmpty() ? created.size() : 0, "not_created", errors.isEmpty() ? 0 : change.get("add").size(),
                        "valid", created.size(), "invalid", errors.size())));
            } else if (change.has("delete")) {
                int deleted = 0;
                for (JsonNode id : change.path("delete").path("ids")) {
                    if (!dryRun && rules.remove(id.asText()) != null) {
                        deleted++;
                    }
                }
                answer.put("meta", Map.of("sent", clock.instant().toString(),
                        "summary", Map.of("deleted", deleted, "not_deleted", 0)));
            }
        }
        if (!errors.isEmpty()) {
            answer.put("errors", errors);
        }
        return JSON.writeValueAsString(answer);
    }

    private static String problem(String value) {
        Matcher operator = OPERATOR.matcher(value);
        while (operator.find()) {
            if (!OPERATORS.contains(operator.group(1))) {
                return "Reference to invalid operator '" + operator.group(1) + "'. Operator is not available in current "
                        + "product or product packaging. Please refer to complete available operator list at "
                        + "https://developer.x.com/en/docs/twitter-api/tweets/filtered-stream/integrate/build-a-rule. "
                        + "(at position " + (operator.start(1) + 1) + ")";
            }
        }
        long open = value.chars().filter(c -> c == '(').count();
        long close = value.chars().filter(c -> c == ')').count();
        return open == close ? null : "Unbalanced parentheses (at position 1)";
    }

    private static void respond(OutputStream out, int status, String reason, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + bytes.length + "\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends nothing until the client closes the connection (or the limit passes). */
    private static void awaitClientClose(Socket socket, int limitMillis) throws IOException {
        socket.setSoTimeout(limitMillis);
        try {
            while (socket.getInputStream().read() >= 0) {
                // a client sends nothing on a stream; wait for its end
            }
        } catch (SocketTimeoutException e) {
            // the client never gave up
        }
    }

    private static void holdWithKeepAlives(Socket socket, OutputStream out) throws IOException {
        socket.setSoTimeout(300);
        while (true) {
            chunk(out, "\r\n");
            try {
                if (socket.getInputStream().read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException stillThere) {
                // send the next keep-alive
            }
        }
    }

    private record Request(String method, String target, Map<String, String> headers, String body) {

        /** One HTTP/1.1 request, or null at the end of the connection. */
        static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                    break;
                }
            }
            if (b < 0) {
                return null;
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Request(requestLine[0], requestLine[1], headers, body);
        }
    }
}
