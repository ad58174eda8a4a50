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
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;

class PresenceCachesTest {

    @Test
    void everyCacheIsPartitionedWithTwoSynchronousBackupsInOneGroup() {
        List<CacheConfiguration<?, ?>> caches = PresenceCaches.all(60).subList(0, 3);

        assertThat(caches).extracting(CacheConfiguration::getName).containsExactlyElementsOf(CacheNames.ALL);
        for (CacheConfiguration<?, ?> cache : caches) {
            assertThat(cache.getCacheMode()).isEqualTo(CacheMode.PARTITIONED);
            assertThat(cache.getBackups()).isEqualTo(2);
            assertThat(cache.getWriteSynchronizationMode()).isEqualTo(CacheWriteSynchronizationMode.FULL_SYNC);
            assertThat(cache.getAtomicityMode()).isEqualTo(CacheAtomicityMode.TRANSACTIONAL);
            assertThat(cache.getGroupName()).isEqualTo(CacheNames.PRESENCE_GROUP);
            assertThat(cache.getSqlSchema()).isEqualTo("PUBLIC");
        }
    }

    @Test
    void withAWriteMajorityEveryUserDataCacheIsGuardedAndRateLimitsAreNot() {
        List<CacheConfiguration<?, ?>> guarded = PresenceCaches.all(60, true);

        assertThat(guarded.subList(0, guarded.size() - 1))
                .allSatisfy(cache -> assertThat(cache.getTopologyValidator()).isInstanceOf(BaselineQuorum.class));
        assertThat(guarded.get(guarded.size() - 1).getName()).isEqualTo(CacheNames.RATE_LIMIT);
        assertThat(guarded.get(guarded.size() - 1).getTopologyValidator()).isNull();
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
    void theSubscriberIndexSharesThePresenceGroupWithoutASqlTable() {
        CacheConfiguration<?, ?> index = PresenceCaches.all(60).get(3);

        assertThat(index.getName()).isEqualTo(CacheNames.SUBSCRIBER_INDEX);
        assertThat(index.getGroupName()).isEqualTo(CacheNames.PRESENCE_GROUP);
        assertThat(index.getBackups()).isEqualTo(2);
        assertThat(index.getQueryEntities()).isEmpty();
    }

    @Test
    void rateLimitBucketsLiveInMemoryAndExpireWhenIdle() {
        CacheConfiguration<?, ?> buckets = PresenceCaches.all(60).get(5);

        assertThat(buckets.getName()).isEqualTo(CacheNames.RATE_LIMIT);
        assertThat(buckets.getDataRegionName()).isEqualTo(PresenceCaches.RATE_LIMIT_REGION);
        assertThat(buckets.getAtomicityMode()).isEqualTo(CacheAtomicityMode.ATOMIC);
        // Survives any two of three nodes dying, as the data does: a LOST in-memory partition stays lost.
        assertThat(buckets.getBackups()).isEqualTo(2);
        assertThat(((ExpiryPolicy) buckets.getExpiryPolicyFactory().create()).getExpiryForUpdate())
                .isEqualTo(new Duration(TimeUnit.SECONDS, 60));
    }

    @Test
    void aTtlBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> PresenceCaches.deviceSession(0)).hasMessageContaining("PRESENCE_TTL_SECONDS");
    }

    private static QueryEntity table(CacheConfiguration<?, ?> cache) {
        return cache.getQueryEntities().iterator().next();
    }
}
