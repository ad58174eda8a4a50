package io.presencegrid.api.fakes;

import io.presencegrid.api.privacy.PrivacyStore;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.tasks.presence.ApplyPrivacy;

/** Privacy inside the user's row in {@link PresenceRows}, written with the grid's {@link ApplyPrivacy}. */
final class FakePrivacyStore implements PrivacyStore {

    private final FakeGrid grid;

    FakePrivacyStore(FakeGrid grid) {
        this.grid = grid;
    }

    @Override
    public UserPrivacy privacy(String userId) {
        grid.call();
        UserPresence row = grid.rows().get(userId);
        return row == null ? UserPrivacy.EVERYONE : row.privacy();
    }

    @Override
    public UserPrivacy replace(String userId, UserPrivacy privacy) {
        grid.call();
        UserPresence row = grid.rows().invoke(userId, new ApplyPrivacy(privacy));
        return row == null ? UserPrivacy.EVERYONE : row.privacy();
    }
}
