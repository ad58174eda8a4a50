package io.presencegrid.node.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.function.Predicate;
import org.apache.ignite.spi.IgniteSpiAdapter;
import org.apache.ignite.spi.IgniteSpiException;
import org.apache.ignite.spi.IgniteSpiMultipleInstancesSupport;
import org.apache.ignite.spi.metric.MetricExporterSpi;
import org.apache.ignite.spi.metric.ReadOnlyMetricManager;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * Serves this node's Ignite metrics and its JVM's (heap, GC, threads) at {@code http://HOST:PORT/metrics}
 * in Prometheus' text format, for a scraper on each host of a grid spread over many. Ignite ships JMX
 * and OpenCensus exporters only; this reads the same registries Ignite hands every exporter, at scrape
 * time, so a scrape costs nothing between scrapes. Plain HTTP: it carries counts and timings, never a
 * user's id or presence, and binds where the node binds.
 */
@IgniteSpiMultipleInstancesSupport(true)
public final class PrometheusMetricExporterSpi extends IgniteSpiAdapter implements MetricExporterSpi {

    private final String host;
    private final int port;
    private ReadOnlyMetricManager metrics;
    private Predicate<ReadOnlyMetricRegistry> exported = registry -> true;
    private HTTPServer server;

    public PrometheusMetricExporterSpi(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void setMetricRegistry(ReadOnlyMetricManager metrics) {
        this.metrics = metrics;
    }

    @Override
    public void setExportFilter(Predicate<ReadOnlyMetricRegistry> filter) {
        this.exported = filter;
    }

    @Override
    public void spiStart(String igniteInstanceName) throws IgniteSpiException {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        registry.register(() -> IgniteMetricSnapshots.of(metrics, exported));
        try {
            server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new IgniteSpiException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void spiStop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The port it serves on, once started. */
    public int port() {
        return server == null ? port : server.getPort();
    }
}
