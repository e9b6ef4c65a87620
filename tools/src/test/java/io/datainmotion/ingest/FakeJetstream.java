package io.datainmotion.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for a Jetstream instance on 127.0.0.1: the WebSocket handshake and unmasked text
 * frames of RFC 6455 on plain sockets (so it can drop a connection without a close frame, as a
 * network does). Events "happen" when published: each gets a {@code time_us} from the wall clock,
 * strictly increasing, and joins the history; a connection with {@code cursor} first replays the
 * history from that {@code time_us}, then receives events live. {@code wantedCollections} filters
 * commits; identity and account events go to everyone, as Jetstream does. Each connection follows
 * the next scripted plan: send some live events, then drop or hold.
 */
final class FakeJetstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** What one connection does after the replay: send this many pending events live, then drop or hold. */
    record Plan(int liveEvents, boolean drop, int happeningWhileDisconnected) {}

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-jetstream");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Plan> script = new ConcurrentLinkedQueue<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final List<ObjectNode> history = new ArrayList<>();
    private final List<OptionalLong> cursors = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private long lastTimeUs;
    private volatile boolean closed;

    FakeJetstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/subscribe");
    }

    void then(Plan plan) {
        script.add(plan);
    }

    /** Events to happen later, in order: live on a connection, or while nobody is connected. */
    synchronized void publish(List<ObjectNode> events) {
        pending.addAll(events);
    }

    /** The pending events happen now, with nobody connected (only a replay can deliver them). */
    synchronized void happenNow(int count) {
        for (int i = 0; i < count && !pending.isEmpty(); i++) {
            stamp(pending.remove(0));
        }
    }

    synchronized List<ObjectNode> history() {
        return List.copyOf(history);
    }

    /** The cursor each connection asked for (empty: live tail). */
    List<OptionalLong> cursors() {
        return List.copyOf(cursors);
    }

    List<String> queries() {
        return List.copyOf(queries);
    }

    static ObjectNode post(String did, String rkey, String text, List<String> langs) {
        ObjectNode event = JSON.createObjectNode();
        event.put("did", did);
        event.put("kind", "commit");
        ObjectNode commit = event.putObject("commit");
        commit.put("rev", "3lrev" + rkey);
        commit.put("operation", "create");
        commit.put("collection", "app.bsky.feed.post");
        commit.put("rkey", rkey);
        ObjectNode record = commit.putObject("record");
        record.put("$type", "app.bsky.feed.post");
        record.put("text", text);
        record.put("createdAt", "2026-01-01T00:00:00.000Z");
        if (langs != null) {
            langs.forEach(record.putArray("langs")::add);
        }
        commit.put("cid", "bafyrei" + rkey);
        return event;
    }

    static ObjectNode commit(String did, String operation, String collection, String rkey) {
        ObjectNode event = JSON.createObjectNode();
        event.put("did", did);
        event.put("kind", "commit");
        ObjectNode commit = event.putObject("commit");
        commit.put("operation", operation);
        commit.put("collection", collection);
        commit.put("rkey", rkey);
        if (!operation.equals("delete")) {
            commit.putObject("record").put("$type", collection);
        }
        return event;
    }

    static ObjectNode identity(String did) {
        ObjectNode event = JSON.createObjectNode();
        event.put("did", did);
        event.put("kind", "identity");
        event.putObject("identity").put("did", did).put("handle", "someone.bsky.social").put("seq", 1);
        return event;
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
            Map<String, String> headers = new LinkedHashMap<>();
            String target = readHandshake(in, headers);
            if (target == null || !"websocket".equalsIgnoreCase(headers.get("upgrade")) || !headers.containsKey("sec-websocket-key")) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(headers.get("sec-websocket-key")) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Map<String, List<String>> query = query(target);
            queries.add(target);
            OptionalLong cursor = query.containsKey("cursor")
                    ? OptionalLong.of(Long.parseLong(query.get("cursor").get(0))) : OptionalLong.empty();
            cursors.add(cursor);
            List<String> wanted = query.getOrDefault("wantedCollections", List.of());
            Plan plan = script.poll();
            if (cursor.isPresent()) {
                for (ObjectNode event : history()) {
                    if (event.get("time_us").asLong() >= cursor.getAsLong()) {
                        sendIfWanted(out, event, wanted);
                    }
                }
            }
            int live = plan == null ? Integer.MAX_VALUE : plan.liveEvents();
            for (int i = 0; i < live; i++) {
                ObjectNode event = nextLive();
                if (event == null) {
                    break;
                }
                sendIfWanted(out, event, wanted);
            }
            if (plan != null && plan.drop()) {
                happenNow(plan.happeningWhileDisconnected());
                return;
            }
            while (in.read() >= 0) {
                // held open: the client's frames (pongs, close) need no answer here; wait for it to go
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private synchronized ObjectNode nextLive() {
        return pending.isEmpty() ? null : stamp(pending.remove(0));
    }

    private ObjectNode stamp(ObjectNode event) {
        long now = System.currentTimeMillis() * 1000;
        lastTimeUs = Math.max(now, lastTimeUs + 1);
        ObjectNode stamped = event.deepCopy();
        stamped.put("time_us", lastTimeUs);
        history.add(stamped);
        return stamped;
    }

    private static void sendIfWanted(OutputStream out, ObjectNode event, List<String> wanted) throws IOException {
        boolean commit = event.path("kind").asText().equals("commit");
        if (commit && !wanted.isEmpty() && !wanted.contains(event.path("commit").path("collection").asText())) {
            return;
        }
        byte[] payload = JSON.writeValueAsBytes(event);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65_536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        out.write(payload);
        out.flush();
    }

    private static String readHandshake(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                String[] lines = text.split("\r\n");
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                    }
                }
                return lines[0].split(" ")[1];
            }
        }
        return null;
    }

    private static Map<String, List<String>> query(String target) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        int question = target.indexOf('?');
        if (question < 0) {
            return parameters;
        }
        for (String pair : target.substring(question + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
