package io.presencegrid.api.presence;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A {@link PresenceService} for tests in other packages: in production only Spring calls its constructor. */
public final class PresenceServices {

    private PresenceServices() {
    }

    public static PresenceService over(PresenceStore store) {
        return new PresenceService(store, new SimpleMeterRegistry());
    }
}
