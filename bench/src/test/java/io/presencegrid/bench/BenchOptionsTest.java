package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void readsWhatBenchShPasses() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--url", "http://127.0.0.1:8080", "--api-pid", "42",
                "--server-pids", "11,12, 13", "--ttl-seconds", "20", "--sockets", "19000", "--device-sockets", "19000",
                "--open-file-limit", "20000", "--discovery", "127.0.0.1:47500..47509"}, SECRET);

        assertThat(options.quick()).isTrue();
        assertThat(options.apiPid()).isEqualTo(42);
        assertThat(options.serverPids()).containsExactly(11L, 12L, 13L);
        assertThat(options.ttlSeconds()).isEqualTo(20);
        assertThat(options.deviceSockets()).isEqualTo(19_000);
        assertThat(options.openFileLimit()).isEqualTo(20_000);
        assertThat(options.pick(30, 10)).isEqualTo(10);
        assertThat(options.only()).isNull();
    }

    @Test
    void onePhaseRunsAloneOnlyWhenItMeansSomethingWithoutTheCeiling() {
        BenchOptions channel = BenchOptions.parse(new String[] {"--api-pid", "42", "--server-pids", "11", "--only", "c3"}, SECRET);
        BenchOptions updates = BenchOptions.parse(new String[] {"--api-pid", "42", "--server-pids", "11", "--only", "b"}, SECRET);
        BenchOptions deviceSockets = BenchOptions.parse(new String[] {"--api-pid", "42", "--server-pids", "11", "--only", "g"}, SECRET);

        assertThat(channel.only()).isEqualTo("c3");
        assertThat(updates.only()).isEqualTo("b");
        assertThat(deviceSockets.only()).isEqualTo("g");
        for (String phase : new String[] {"a", "a2", "b2", "h"}) {
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--api-pid", "42", "--server-pids", "11", "--only", phase}, SECRET))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fair ceiling");
        }
    }

    @Test
    void theGridNodesPidsAreRequiredForCpuPerOperation() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--api-pid", "42"}, SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--server-pids");
    }
}
