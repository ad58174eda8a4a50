package io.presencegrid.api.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts refused requests by reason: {@code presence.rejected{reason=...}} on /actuator/prometheus. */
@Component
public class PresenceRejections {

    private final MeterRegistry meters;

    PresenceRejections(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param reason one of invalid, unauthorized, forbidden, not_found, conflict, rate_limited, too_large, unavailable */
    public void count(String reason) {
        Counter.builder("presence.rejected").description("Requests refused, by reason")
                .tag("reason", reason).register(meters).increment();
    }
}
