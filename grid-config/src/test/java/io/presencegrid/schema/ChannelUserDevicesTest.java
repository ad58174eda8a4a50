package io.presencegrid.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelUserDevicesTest {

    @Test
    void devicesStaySortedWithoutRepeats() {
        ChannelUserDevices devices = ChannelUserDevices.of("web").with("phone").with("web").with("desk");

        assertThat(devices.devices()).containsExactly("desk", "phone", "web");
        assertThat(devices.contains("phone")).isTrue();
        assertThat(devices.with("desk")).isSameAs(devices);
        assertThat(ChannelUserDevices.ofAll(List.of("web", "desk", "web"))).isEqualTo(ChannelUserDevices.of("desk").with("web"));
    }

    @Test
    void theLastDeviceOutLeavesNothingToStore() {
        ChannelUserDevices devices = ChannelUserDevices.of("phone").with("web");

        assertThat(devices.without("tablet")).isSameAs(devices);
        assertThat(devices.without("phone").devices()).containsExactly("web");
        assertThat(devices.without("phone").without("web")).isNull();
        assertThat(ChannelUserDevices.ofAll(List.of())).isNull();
    }
}
