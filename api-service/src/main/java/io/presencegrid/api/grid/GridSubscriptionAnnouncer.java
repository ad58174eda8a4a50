package io.presencegrid.api.grid;

import io.presencegrid.api.subscription.SubscriptionAnnouncer;
import io.presencegrid.api.subscription.SubscriptionNotice;
import io.presencegrid.api.threads.DaemonThreads;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import jakarta.annotation.PreDestroy;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Subscription notices as Ignite messages to the API nodes (the client nodes with the API role), ordered
 * per sender, so one subscriber's subscribe and later unsubscribe through one node arrive in that order.
 * They are heard on Ignite's message threads and handed to the listeners on one thread of this node,
 * since following users reads the grid, which a message thread must not wait for.
 */
@Component
class GridSubscriptionAnnouncer implements SubscriptionAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(GridSubscriptionAnnouncer.class);
    static final String TOPIC = "presence.subscription.notice";

    private final Ignite ignite;
    private final List<Consumer<SubscriptionNotice>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(DaemonThreads.named("subscription-notice-dispatch"));

    GridSubscriptionAnnouncer(Ignite ignite) {
        this.ignite = ignite;
        ignite.message().localListen(TOPIC, (sender, message) -> {
            if (message instanceof SubscriptionNotice notice) {
                dispatcher.execute(() -> tell(notice));
            }
            return true;
        });
    }

    @Override
    public void announce(SubscriptionNotice notice) {
        try {
            ignite.message(ignite.cluster().forAttribute(GridClientConfiguration.ROLE_ATTRIBUTE, GridClientConfiguration.API_ROLE))
                    .sendOrdered(TOPIC, notice, 0);
        } catch (RuntimeException e) {
            // The subscription is stored; the subscriber's sockets follow it from their next connect.
            LOG.warn("Could not announce a subscription change to the API nodes: {}", e.getMessage());
        }
    }

    @Override
    public void onNotice(Consumer<SubscriptionNotice> listener) {
        listeners.add(listener);
    }

    private void tell(SubscriptionNotice notice) {
        for (Consumer<SubscriptionNotice> listener : listeners) {
            try {
                listener.accept(notice);
            } catch (RuntimeException e) {
                LOG.warn("A subscription notice could not be applied: {}", e.getMessage());
            }
        }
    }

    @PreDestroy
    void shutdown() {
        dispatcher.shutdownNow();
    }
}
