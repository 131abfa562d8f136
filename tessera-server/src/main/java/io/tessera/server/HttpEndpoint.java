package io.tessera.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The node's HTTP port: {@code /metrics} in Prometheus text format and {@code /health} (200 when
 * the node serves SQL, 503 otherwise). The JDK's HTTP server is enough for a scrape every few
 * seconds; it runs on virtual threads so a slow scraper holds no platform thread.
 */
final class HttpEndpoint implements AutoCloseable {
    private final HttpServer server;

    HttpEndpoint(HostPort addr, PrometheusRegistry registry, BooleanSupplier healthy) throws IOException {
        server = HttpServer.create(addr.socketAddress(), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", exchange -> serveMetrics(exchange, registry));
        server.createContext("/health", exchange -> {
            boolean ok = healthy.getAsBoolean();
            respond(exchange, ok ? 200 : 503, "text/plain", (ok ? "ok\n" : "unavailable\n").getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    int port() { return server.getAddress().getPort(); }

    private static void serveMetrics(HttpExchange exchange, PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
        writer.write(body, registry.scrape());
        respond(exchange, 200, writer.getContentType(), body.toByteArray());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
