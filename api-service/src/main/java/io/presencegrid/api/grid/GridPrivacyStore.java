package io.presencegrid.api.grid;

import io.presencegrid.api.privacy.PrivacyStore;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.tasks.presence.ApplyPrivacy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.springframework.stereotype.Component;

/** Privacy in the user's PRESENCE row: one read, or one entry processor at the row's primary. */
@Component
class GridPrivacyStore implements PrivacyStore {

    private final Ignite ignite;
    private final GridCalls grid;

    GridPrivacyStore(Ignite ignite, GridCalls grid) {
        this.ignite = ignite;
        this.grid = grid;
    }

    private IgniteCache<String, UserPresence> presence() {
        return ignite.cache(CacheNames.PRESENCE);
    }

    @Override
    public UserPrivacy privacy(String userId) {
        UserPresence row = grid.call(() -> presence().get(userId));
        return row == null ? UserPrivacy.EVERYONE : row.privacy();
    }

    @Override
    public UserPrivacy replace(String userId, UserPrivacy privacy) {
        UserPresence row = grid.call(() -> presence().invoke(userId, new ApplyPrivacy(privacy)));
        return row == null ? UserPrivacy.EVERYONE : row.privacy();
    }
}
