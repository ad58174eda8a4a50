package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void theLastLineNamesEveryFigureInItsOrder() {
        Figures figures = new Figures(729.4, 15.94, 36.86, 4210.6, 1412.3, 472.8, 1100.2, 19_000, 886.4);

        assertThat(figures.line()).isEqualTo("updates_per_s=729 update_p99_ms=15.9 notify_p99_ms=36.9 ignite_put_per_s=4211"
                + " ratio=0.17 update_cpu_us=1412 put_cpu_us=473 heartbeat_per_s=1100 device_sockets=19000 bytes_per_user=886");
    }

    @Test
    void everyFigureIsANameAndANumber() {
        String line = new Figures(1, 2, 3, 4, 5, 6, 7, 8, 9).line();

        assertThat(line).matches("updates_per_s=\\d+ update_p99_ms=[\\d.]+ notify_p99_ms=[\\d.]+ ignite_put_per_s=\\d+"
                + " ratio=[\\d.]+ update_cpu_us=\\d+ put_cpu_us=\\d+ heartbeat_per_s=\\d+ device_sockets=\\d+ bytes_per_user=\\d+");
    }
}
