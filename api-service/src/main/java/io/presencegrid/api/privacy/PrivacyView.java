package io.presencegrid.api.privacy;

import io.presencegrid.schema.UserPrivacy;
import java.util.List;

/** A user's privacy as stored, with its lists sorted and without repeats. */
public record PrivacyView(String userId, String presence, String lastSeen, List<String> allowed, List<String> blocked) {

    static PrivacyView of(String userId, UserPrivacy privacy) {
        return new PrivacyView(userId, privacy.presence().wireName(), privacy.lastSeen().wireName(),
                privacy.allowed(), privacy.blocked());
    }
}
