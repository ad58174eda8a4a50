package io.presencegrid.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheKeyConfiguration;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;

class PresenceCachesTest {

    @Test
    void everyCacheIsPartitionedWithTwoSynchronousBackupsAndTheSameAffinity() {
        List<CacheConfiguration<?, ?>> caches = PresenceCaches.all(60);

        assertThat(caches).extracting(CacheConfiguration::getName).containsExactly(CacheNames.PRESENCE,
                CacheNames.DEVICE_SESSION, CacheNames.SUBSCRIPTION, CacheNames.SUBSCRIBER_INDEX, CacheNames.SOCKET_INTEREST,
                CacheNames.CHANNEL_MEMBER, CacheNames.CHANNEL_USER, CacheNames.CHANNEL_OCCUPANCY, CacheNames.DEVICE_CHANNELS,
                CacheNames.CHANNEL_INTEREST, CacheNames.API_NODE_LEASE);
        for (CacheConfiguration<?, ?> cache : caches) {
            assertThat(cache.getCacheMode()).isEqualTo(CacheMode.PARTITIONED);
            assertThat(cache.getBackups()).isEqualTo(2);
            assertThat(cache.getWriteSynchronizationMode()).isEqualTo(CacheWriteSynchronizationMode.FULL_SYNC);
            assertThat(cache.getAffinity()).isInstanceOf(RendezvousAffinityFunction.class);
            assertThat(cache.getAffinity().partitions()).isEqualTo(1024);
            assertThat(((RendezvousAffinityFunction) cache.getAffinity()).isExcludeNeighbors()).isFalse();
        }
    }

    @Test
    void whatTheContractKeepsIsPersistentAndWhatLivesWithASessionIsInMemory() {
        assertThat(List.of(PresenceCaches.presence(), PresenceCaches.subscription(), PresenceCaches.subscriberIndex()))
                .allSatisfy(cache -> assertThat(cache.getDataRegionName()).as("the default region, persistent").isNull());
        assertThat(PresenceCaches.presence().getGroupName()).isEqualTo(CacheNames.PRESENCE_GROUP);
        assertThat(List.of(PresenceCaches.subscription(), PresenceCaches.subscriberIndex()))
                .allSatisfy(cache -> assertThat(cache.getGroupName()).as("written together, in transactions")
                        .isEqualTo(CacheNames.SUBSCRIPTION_GROUP));
        assertThat(List.of(PresenceCaches.deviceSession(60), PresenceCaches.socketInterest(), PresenceCaches.channelMember(),
                PresenceCaches.channelUser(), PresenceCaches.channelOccupancy(), PresenceCaches.deviceChannels(),
                PresenceCaches.channelInterest(), PresenceCaches.apiNodeLease(60)))
                .allSatisfy(cache -> {
                    assertThat(cache.getGroupName()).isEqualTo(CacheNames.LIVE_GROUP);
                    assertThat(cache.getDataRegionName()).isEqualTo(PresenceCaches.LIVE_REGION);
                    assertThat(cache.getAtomicityMode()).isEqualTo(CacheAtomicityMode.ATOMIC);
                });
    }

    @Test
    void whatMustSurviveIsTransactionalSoNoCopyKeepsAWriteItsBackupsNeverSaw() {
        assertThat(PresenceCaches.presence().getAtomicityMode()).isEqualTo(CacheAtomicityMode.TRANSACTIONAL);
        assertThat(PresenceCaches.subscription().getAtomicityMode()).isEqualTo(CacheAtomicityMode.TRANSACTIONAL);
        assertThat(PresenceCaches.subscriberIndex().getAtomicityMode()).isEqualTo(CacheAtomicityMode.TRANSACTIONAL);
    }

    @Test
    void presenceAndSessionsCarryNoSecondaryIndex() {
        assertThat(table(PresenceCaches.presence()).getIndexes()).isEmpty();
        assertThat(table(PresenceCaches.deviceSession(60)).getIndexes()).isEmpty();
        assertThat(PresenceCaches.deviceSession(60).getSqlIndexMaxInlineSize()).as("a session's key tree holds links only")
                .isZero();
    }

    @Test
    void withAWriteMajorityEveryCacheIsGuarded() {
        assertThat(PresenceCaches.all(60, true))
                .allSatisfy(cache -> assertThat(cache.getTopologyValidator()).isInstanceOf(BaselineQuorum.class));
        assertThat(PresenceCaches.all(60)).allSatisfy(cache -> assertThat(cache.getTopologyValidator()).isNull());
    }

    @Test
    void tablesAndColumnsAreNamedAsTheDesignSays() {
        assertThat(table(PresenceCaches.presence()).getTableName()).isEqualTo("PRESENCE");
        assertThat(table(PresenceCaches.presence()).getAliases().values())
                .containsExactly("USER_ID", "STATUS", "MESSAGE", "DEVICE_COUNT", "LAST_SEEN_AT", "UPDATED_AT", "VERSION");
        assertThat(table(PresenceCaches.deviceSession(60)).getAliases().values())
                .containsExactly("USER_ID", "DEVICE", "STATUS", "LAST_ACTIVE_AT");
        assertThat(table(PresenceCaches.subscription()).getAliases().values())
                .containsExactly("USER_ID", "SUBSCRIBER_ID", "CREATED_AT");
    }

    @Test
    void sessionsAndSubscriptionsAreColocatedByUserId() {
        assertThat(PresenceCaches.deviceSession(60).getKeyConfiguration())
                .extracting(CacheKeyConfiguration::getTypeName, CacheKeyConfiguration::getAffinityKeyFieldName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DeviceSessionKey.class.getName(), "userId"));
        assertThat(PresenceCaches.subscription().getKeyConfiguration())
                .extracting(CacheKeyConfiguration::getTypeName, CacheKeyConfiguration::getAffinityKeyFieldName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SubscriptionKey.class.getName(), "userId"));
    }

    @Test
    void aChannelsUsersAndOccupancyLandInThePartitionOfItsMembers() {
        assertThat(PresenceCaches.channelUser().getKeyConfiguration())
                .extracting(CacheKeyConfiguration::getTypeName, CacheKeyConfiguration::getAffinityKeyFieldName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChannelUserKey.class.getName(), "channelId"));
        RendezvousAffinityFunction members = (RendezvousAffinityFunction) PresenceCaches.channelMember().getAffinity();
        RendezvousAffinityFunction occupancy = (RendezvousAffinityFunction) PresenceCaches.channelOccupancy().getAffinity();
        // The member key's affinity field is the channel id, so its partition is the id's own.
        assertThat(occupancy.partition("lobby")).isEqualTo(members.partition("lobby"));
        assertThat(PresenceCaches.channelUser().getQueryEntities()).isEmpty();
        assertThat(PresenceCaches.channelOccupancy().getQueryEntities()).isEmpty();
    }

    @Test
    void anApiNodesLeaseLapsesBeforeASessionWouldByTheTimeItsSessionsTakeToEnd() {
        assertThat(PresenceCaches.apiNodeLeaseTtl(60)).isEqualTo(java.time.Duration.ofSeconds(58));
        assertThat(PresenceCaches.apiNodeLeaseTtl(20)).isEqualTo(java.time.Duration.ofSeconds(18));
        assertThat(PresenceCaches.apiNodeLeaseTtl(4)).as("a quarter of a short TTL").isEqualTo(java.time.Duration.ofSeconds(3));
        ExpiryPolicy lease = (ExpiryPolicy) PresenceCaches.apiNodeLease(20).getExpiryPolicyFactory().create();
        assertThat(lease.getExpiryForUpdate()).isEqualTo(new Duration(TimeUnit.MILLISECONDS, 18_000));
        assertThat(lease.getExpiryForAccess()).as("reads leave the lease alone").isNull();
    }

    @Test
    void deviceSessionsExpireTtlSecondsAfterTheirLastWriteNotRead() {
        CacheConfiguration<?, ?> sessions = PresenceCaches.deviceSession(45);
        ExpiryPolicy policy = (ExpiryPolicy) sessions.getExpiryPolicyFactory().create();

        assertThat(policy.getExpiryForCreation()).isEqualTo(new Duration(TimeUnit.SECONDS, 45));
        assertThat(policy.getExpiryForUpdate()).isEqualTo(new Duration(TimeUnit.SECONDS, 45));
        assertThat(policy.getExpiryForAccess()).as("reads leave the TTL alone").isNull();
        assertThat(sessions.isEagerTtl()).isTrue();
        assertThat(PresenceCaches.presence().getExpiryPolicyFactory().create()).as("presence rows never expire")
                .isInstanceOf(javax.cache.expiry.EternalExpiryPolicy.class);
    }

    @Test
    void theSubscriberIndexAndSocketInterestHaveNoSqlTable() {
        assertThat(PresenceCaches.subscriberIndex().getQueryEntities()).isEmpty();
        assertThat(PresenceCaches.socketInterest().getQueryEntities()).isEmpty();
    }

    @Test
    void aTtlBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> PresenceCaches.deviceSession(0)).hasMessageContaining("PRESENCE_TTL_SECONDS");
    }

    private static QueryEntity table(CacheConfiguration<?, ?> cache) {
        return cache.getQueryEntities().iterator().next();
    }
}
