package io.presencegrid.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.node.ServerAssembly;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.testing.ObservabilityFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.metric.jmx.JmxMetricExporterSpi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A two-node grid from the real server XML, each node with the Prometheus exporter the launcher gives
 * it: what an operator's Prometheus would scrape, and whether it holds every grid metric the alert
 * rules and the dashboard use.
 */
class GridMetricsIT {

    private static final List<PrometheusMetricExporterSpi> EXPORTERS = new ArrayList<>();
    private static GridTestCluster grid;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("metrics", settings -> {
            IgniteConfiguration configuration = ServerAssembly.configuration(settings);
            // Port 0: the test grid's nodes must not collide with a local cluster's 9091 + i.
            PrometheusMetricExporterSpi exporter = new PrometheusMetricExporterSpi("127.0.0.1", 0);
            EXPORTERS.add(exporter);
            return configuration.setMetricExporterSpi(new JmxMetricExporterSpi(), exporter);
        }).startActive(2);
        for (int i = 0; i < 50; i++) {
            grid.node(0).cache(CacheNames.SUBSCRIPTION).put(new SubscriptionKey("metrics-" + i, "follower"), new Subscription(Instant.now()));
        }
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void everyGridMetricOfTheAlertsAndTheDashboardIsExported() throws Exception {
        Set<String> exported = ObservabilityFiles.families(scrape(EXPORTERS.get(0)));
        Set<String> used = ObservabilityFiles.metricsUsed("ignite_", "jvm_gc_collection");

        assertThat(used).as("the files name grid metrics").hasSizeGreaterThan(10);
        assertThat(exported).containsAll(used);
    }

    @Test
    void cachesAreLabelsAndTheClusterCountsItsNodes() throws Exception {
        String text = scrape(EXPORTERS.get(1));

        assertThat(text).contains("ignite_cluster_total_server_nodes 2.0")
                .contains("ignite_cluster_total_baseline_nodes 2.0")
                .as("both nodes hold a copy of each of the 50 rows")
                .contains("ignite_cache_off_heap_entries_count{cache=\"" + CacheNames.SUBSCRIPTION + "\"} 50.0")
                .contains("ignite_cache_group_minimum_number_of_partition_copies{group=\"" + CacheNames.SUBSCRIPTION_GROUP + "\"} 2.0")
                .contains("jvm_memory_used_bytes{area=\"heap\"}");
    }

    private static String scrape(PrometheusMetricExporterSpi exporter) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
