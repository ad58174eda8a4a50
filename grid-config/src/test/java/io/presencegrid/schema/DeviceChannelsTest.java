package io.presencegrid.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceChannelsTest {

    @Test
    void channelsStaySortedWithoutRepeats() {
        DeviceChannels channels = DeviceChannels.of("m").with("a").with("z").with("m").with("b");

        assertThat(channels.channels()).containsExactly("a", "b", "m", "z");
        assertThat(channels.contains("b")).isTrue();
        assertThat(channels.contains("c")).isFalse();
        assertThat(channels.with("a")).isSameAs(channels);
    }

    @Test
    void removingTheLastChannelLeavesNothingToStore() {
        DeviceChannels channels = DeviceChannels.of("a").with("b");

        assertThat(channels.without("a").channels()).containsExactly("b");
        assertThat(channels.without("x")).isSameAs(channels);
        assertThat(channels.without("a").without("b")).isNull();
    }
}
