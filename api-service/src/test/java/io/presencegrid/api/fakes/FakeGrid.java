package io.presencegrid.api.fakes;

import io.presencegrid.api.admin.AdminStore;
import io.presencegrid.api.channel.ChannelStore;
import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.api.privacy.PrivacyStore;
import io.presencegrid.api.subscription.SubscriptionStore;
import io.presencegrid.api.web.GridUnavailableException;

/**
 * The grid for fast tests: presence rows, subscriptions and channel memberships in memory, behind the
 * store interfaces the grid package implements, so services and controllers run unchanged and no Ignite
 * node starts. The stores share the state as the grid's caches do (a delete takes the user's
 * subscriptions and memberships along). What needs time or other nodes (session expiry, the disconnect
 * grace, events, notices to other API nodes) is left to the integration tests.
 */
public final class FakeGrid {

    private final PresenceRows rows = new PresenceRows();
    private final FakePresenceStore presence = new FakePresenceStore(this);
    private final FakePrivacyStore privacy = new FakePrivacyStore(this);
    private final FakeSubscriptionStore subscriptions = new FakeSubscriptionStore(this);
    private final FakeChannelStore channels = new FakeChannelStore(this);
    private final FakeAdminStore admin = new FakeAdminStore(this);
    private final RecordingAnnouncer announcer = new RecordingAnnouncer();
    private final FakeRateLimiter rateLimiter = new FakeRateLimiter();
    private volatile boolean down;

    public PresenceStore presence() {
        return presence;
    }

    public PrivacyStore privacy() {
        return privacy;
    }

    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    public ChannelStore channels() {
        return channels;
    }

    public AdminStore admin() {
        return admin;
    }

    public RecordingAnnouncer announcer() {
        return announcer;
    }

    public FakeRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Every store call fails from now on, as the grid's do once GridCalls has spent its retries. */
    public void goDown() {
        down = true;
    }

    /** Empty and answering again: what each test starts from. */
    public void reset() {
        down = false;
        rows.clear();
        subscriptions.clear();
        channels.clear();
        announcer.clear();
        rateLimiter.clear();
    }

    void call() {
        if (down) {
            throw new GridUnavailableException("the fake grid is down", new IllegalStateException("no server node answers"));
        }
    }

    PresenceRows rows() {
        return rows;
    }

    FakePresenceStore presenceStore() {
        return presence;
    }

    FakeSubscriptionStore subscriptionStore() {
        return subscriptions;
    }

    FakeChannelStore channelStore() {
        return channels;
    }
}
