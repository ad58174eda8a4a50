package io.presencegrid.api.privacy;

import io.presencegrid.api.auth.Caller;
import org.springframework.stereotype.Service;

/** Reading and replacing a user's privacy: the user themselves, or the admin scope. */
@Service
public class PrivacyService {

    private final PrivacyStore store;

    PrivacyService(PrivacyStore store) {
        this.store = store;
    }

    public PrivacyView get(Caller caller, String userId) {
        caller.requireMayActFor("userId", userId);
        return PrivacyView.of(userId, store.privacy(userId));
    }

    public PrivacyView replace(Caller caller, String userId, PrivacyRequest request) {
        caller.requireMayActFor("userId", userId);
        return PrivacyView.of(userId, store.replace(userId, request.toPrivacy()));
    }
}
