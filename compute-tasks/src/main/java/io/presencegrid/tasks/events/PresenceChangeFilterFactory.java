package io.presencegrid.tasks.events;

import io.presencegrid.schema.UserPresence;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryEventFilter;

/** Ships {@link PresenceChangeFilter} to the server nodes by class name: no peer class loading needed. */
public final class PresenceChangeFilterFactory implements Factory<CacheEntryEventFilter<String, UserPresence>> {

    private static final long serialVersionUID = 1L;

    private final String apiNodeId;

    public PresenceChangeFilterFactory(String apiNodeId) {
        this.apiNodeId = apiNodeId;
    }

    @Override
    public CacheEntryEventFilter<String, UserPresence> create() {
        return new PresenceChangeFilter(apiNodeId);
    }
}
