package io.presencegrid.clienttools.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private static final String SCRAPE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3000000.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            # HELP presence_sockets_open Open WebSockets
            # TYPE presence_sockets_open gauge
            presence_sockets_open 12.0
            # TYPE presence_updates_seconds histogram
            presence_updates_seconds_bucket{le="0.005"} 3
            presence_updates_seconds_bucket{le="+Inf"} 7
            presence_updates_seconds_count 7
            presence_grid_ratio NaN
            presence_grid_ceiling +Inf
            presence_grid_floor -Inf 1700000000000
            presence_rejected_total{reason="odd } brace \\"quoted\\""} 2.0

            """;

    private final PrometheusScrape scrape = new PrometheusScrape(SCRAPE);

    @Test
    void aSeriesIsFoundByItsNameAndLabelsAsExposed() {
        assertThat(scrape.require("presence_sockets_open")).isEqualTo(12.0);
        assertThat(scrape.require("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"}")).isEqualTo(3_000_000.0);
        assertThat(scrape.require("presence_updates_seconds_bucket{le=\"+Inf\"}")).isEqualTo(7.0);
        assertThat(scrape.require("presence_rejected_total{reason=\"odd } brace \\\"quoted\\\"\"}")).isEqualTo(2.0);
    }

    @Test
    void commentsAreNotSeries() {
        assertThat(scrape.series()).hasSize(11);
        assertThat(scrape.series().keySet()).noneMatch(name -> name.startsWith("#"));
    }

    @Test
    void nanAndInfinitiesAreRead() {
        assertThat(scrape.require("presence_grid_ratio")).isNaN();
        assertThat(scrape.require("presence_grid_ceiling")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(scrape.require("presence_grid_floor")).as("timestamp ignored").isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void theSeriesOfOneMetricAreSummedCountedAndTheFirstFound() {
        assertThat(scrape.sum("jvm_memory_used_bytes{area=\"heap\"")).isEqualTo(15_000_000.0);
        assertThat(scrape.count("presence_updates_seconds_bucket")).isEqualTo(2);
        assertThat(scrape.firstOf("jvm_memory_used_bytes")).hasValue(1.2E7);
        assertThat(scrape.firstOf("presence_sockets_open")).hasValue(12.0);
        assertThat(scrape.firstOf("presence_sockets")).isEmpty();
    }

    @Test
    void aMissingSeriesIsEmptyOrFailsNamingIt() {
        assertThat(scrape.value("presence_absent")).isEmpty();
        assertThatThrownBy(() -> scrape.require("presence_absent")).hasMessageContaining("presence_absent");
    }
}
