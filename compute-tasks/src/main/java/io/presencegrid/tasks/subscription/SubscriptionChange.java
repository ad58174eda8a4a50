package io.presencegrid.tasks.subscription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The outcome of a subscribe or unsubscribe, sent back from the subscriber's primary node: whom the
 * subscriber follows now, or that the change was refused for passing the limit (nothing written).
 */
public final class SubscriptionChange {

    private final boolean overLimit;
    private final ArrayList<String> followed;

    private SubscriptionChange(boolean overLimit, Collection<String> followed) {
        this.overLimit = overLimit;
        this.followed = new ArrayList<>(followed);
    }

    public static SubscriptionChange applied(Collection<String> followed) {
        return new SubscriptionChange(false, followed);
    }

    public static SubscriptionChange refused(Collection<String> followed) {
        return new SubscriptionChange(true, followed);
    }

    public boolean overLimit() {
        return overLimit;
    }

    /** In id order. */
    public List<String> followed() {
        return followed;
    }
}
