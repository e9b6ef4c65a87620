package io.datainmotion.dashboard;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page, its script and styles, uPlot from its WebJar, one Server-Sent Events stream of
 * snapshots and a sensor's history: GET only, nothing on this server changes anything. With a token,
 * every request needs it, as {@code ?token=} once (the answer sets an HttpOnly cookie) or that cookie.
 */
final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String TOKEN_COOKIE = "dim_dashboard_token";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Javalin app;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final byte[] token;
    private final SensorHistory history;
    private final ObjectMapper json = new ObjectMapper();
    private volatile String latestSnapshot;

    /** {@code token} null: no token asked (loopback only; the caller enforces that). */
    DashboardServer(String bind, int port, String token, SensorHistory history, String firstSnapshot) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.history = history;
        this.latestSnapshot = firstSnapshot;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = bind;
            cfg.jetty.port = port;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/datainmotion/dashboard/web";
                files.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.routes.before(this::authorizeAndProtect);
            cfg.routes.get("/api/sensors/{id}/history", this::sensorHistory);
            cfg.routes.sse("/events", this::subscribe);
        });
        app.start();
    }

    int port() {
        return app.port();
    }

    /** Sends a snapshot to every open page; pages that went away are dropped. */
    void push(String snapshot) {
        latestSnapshot = snapshot;
        for (SseClient client : clients) {
            if (client.terminated()) {
                clients.remove(client);
            } else {
                send(client, snapshot);
            }
        }
    }

    int openPages() {
        clients.removeIf(SseClient::terminated);
        return clients.size();
    }

    private void subscribe(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, latestSnapshot);
    }

    /** One event at a time per page: the first snapshot and a push may otherwise interleave their bytes. */
    private static void send(SseClient client, String snapshot) {
        synchronized (client) {
            client.sendEvent("snapshot", snapshot);
        }
    }

    private void sensorHistory(Context ctx) throws Exception {
        List<DashboardState.SensorWindow> windows = history.windows(ctx.pathParam("id"));
        ArrayNode body = json.createArrayNode();
        windows.forEach(w -> body.add(w.toJson()));
        ctx.contentType("application/json").result(json.writeValueAsString(body));
    }

    private void authorizeAndProtect(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (token == null) {
            return;
        }
        String given = ctx.queryParam("token");
        if (given != null && matches(given)) {
            ctx.header("Set-Cookie", TOKEN_COOKIE + "=" + URLEncoder.encode(given, StandardCharsets.UTF_8)
                    + "; Path=/; HttpOnly; SameSite=Strict");
            return;
        }
        String cookie = ctx.cookie(TOKEN_COOKIE);
        if (cookie != null && matches(URLDecoder.decode(cookie, StandardCharsets.UTF_8))) {
            return;
        }
        ctx.status(HttpStatus.UNAUTHORIZED);
        throw new UnauthorizedResponse("this dashboard needs its token: open it as /?token=...");
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the pages' streams before the server, so that nothing is pushed into a stopped server. */
    @Override
    public void close() {
        for (SseClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("closing an event stream: {}", e.getMessage());
            }
        }
        clients.clear();
        app.stop();
    }
}
