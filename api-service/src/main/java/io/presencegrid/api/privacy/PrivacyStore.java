package io.presencegrid.api.privacy;

import io.presencegrid.schema.UserPrivacy;

/** Where privacy lives: inside the user's presence row, so events carry the rules of their version. */
public interface PrivacyStore {

    /** The user's privacy; the default for a user who never set one, or was never seen. */
    UserPrivacy privacy(String userId);

    /** Replaces the user's privacy and answers it as stored. */
    UserPrivacy replace(String userId, UserPrivacy privacy);
}
