package io.presencegrid.api.metrics;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.clienttools.metrics.PrometheusScrape;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.testing.ObservabilityFiles;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every meter of docs/operations.md "Metrics" shows up on /actuator/prometheus once real traffic has
 * gone through: updates over HTTP, a socket receiving events, a 429, subscriptions, and the grid
 * gauges of a two-node test grid. Last, the grid goes away and the scrape still answers at once.
 */
@ApiGridTest(name = "api-metrics", properties = {"presence.rate-limit.per-second=3", "presence.grid.metrics-refresh-millis=300"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    private static final Duration FRAME_WAIT = Duration.ofSeconds(5);

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Test
    @Order(1)
    void trafficShowsUpInEveryPresenceAndGridMeter() {
        ApiClient api = new ApiClient(port);
        String alice = TOKENS.user("m-alice");
        api.update(alice, "m-alice", "phone", "online").expect(200);
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("m-watcher"))) {
            watcher.next("snapshot", FRAME_WAIT);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"m-alice\",\"m-bob\"]}");
            watcher.next("snapshot", FRAME_WAIT);

            api.update(alice, "m-alice", "phone", "away").expect(200);
            api.update(alice, "m-alice", "phone", "busy").expect(200);
            assertThat(watcher.next("presence", FRAME_WAIT).path("status").asText()).isEqualTo("away");
            assertThat(watcher.next("presence", FRAME_WAIT).path("status").asText()).isEqualTo("busy");
            watcher.send("{\"type\":\"unsubscribe\",\"userIds\":[\"m-bob\"]}");
            provokeRateLimit(api);

            // The grid gauges are refreshed every 300 ms off the scrape thread: wait for a refresh.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(scrape(api).require("presence_grid_cache_entries{cache=\"subscription\"}")).isEqualTo(1.0));
            PrometheusScrape metrics = scrape(api);

            assertThat(metrics.require("presence_updates_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(metrics.count("presence_updates_seconds_bucket{")).as("latency histogram buckets").isGreaterThan(10);
            // Every update without a message refreshes its session through the heartbeat batches first.
            assertThat(metrics.require("presence_heartbeat_batch_size_sum")).as("sessions refreshed in batches").isEqualTo(3);
            assertThat(metrics.require("presence_heartbeat_batch_size_count")).as("grid calls").isBetween(1.0, 3.0);
            assertThat(metrics.require("presence_socket_events_total")).isEqualTo(2);
            assertThat(metrics.require("presence_notification_lag_seconds_count")).isEqualTo(2);
            assertThat(metrics.count("presence_notification_lag_seconds_bucket{")).isGreaterThan(10);
            assertThat(metrics.require("presence_notification_lag_seconds_max")).as("lag, seconds").isBetween(0.0, 5.0);
            assertThat(metrics.require("presence_sockets_open")).isEqualTo(1);
            assertThat(metrics.require("presence_sockets_followed_users")).as("m-alice only, m-bob unsubscribed").isEqualTo(1);
            assertThat(metrics.require("presence_subscriptions_added_total")).isEqualTo(2);
            assertThat(metrics.require("presence_subscriptions_removed_total")).isEqualTo(1);
            assertThat(metrics.require("presence_rejected_total{reason=\"rate_limited\"}")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.require("presence_grid_servers")).isEqualTo(2);
            assertThat(metrics.require("presence_grid_clients")).as("this API node").isEqualTo(1);
            assertThat(metrics.require("presence_grid_active")).isEqualTo(1);
            assertThat(metrics.require("presence_grid_state{state=\"ACTIVE\"}")).isEqualTo(1);
            assertThat(metrics.require("presence_grid_state{state=\"INACTIVE\"}")).isEqualTo(0);
            assertThat(metrics.require("presence_grid_cache_entries{cache=\"presence\"}")).as("m-alice").isEqualTo(1);
            assertThat(metrics.require("presence_grid_cache_entries{cache=\"device_session\"}")).as("m-alice's phone").isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(scrape(api).require("presence_sockets_open")).as("after close").isEqualTo(0));

        // The alert rules and the dashboard in deploy/observability name only meters that exist.
        Set<String> exported = ObservabilityFiles.families(api.get("/actuator/prometheus", TOKENS.admin("m-scraper")).body());
        Set<String> used = ObservabilityFiles.metricsUsed("presence_", "http_server_", "jvm_gc_overhead");
        assertThat(used).as("the files name API metrics").hasSizeGreaterThan(5);
        assertThat(exported).containsAll(used);
    }

    @Test
    @Order(2)
    void theScrapeAnswersAtOnceWhileTheGridIsGone() {
        ApiClient api = new ApiClient(port);

        grid.stopAll();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long started = System.nanoTime();
            PrometheusScrape metrics = scrape(api);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(metrics.require("presence_grid_servers")).isEqualTo(0);
            assertThat(metrics.require("presence_grid_active")).isEqualTo(0);
            assertThat(metrics.require("presence_grid_cache_entries{cache=\"presence\"}")).isNaN();
        });
    }

    private static void provokeRateLimit(ApiClient api) {
        String greedy = TOKENS.user("m-greedy");
        for (int i = 0; i < 20; i++) {
            if (api.get("/v1/status/m-greedy", greedy).status() == 429) {
                return;
            }
        }
        throw new AssertionError("no 429 within 20 quick requests at 3 per second");
    }

    private static PrometheusScrape scrape(ApiClient api) {
        ApiAnswer response = api.get("/actuator/prometheus", TOKENS.admin("m-scraper"));
        assertThat(response.status()).isEqualTo(200);
        return new PrometheusScrape(response.body());
    }
}
