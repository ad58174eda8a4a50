package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.PresenceCaches;
import javax.cache.expiry.EternalExpiryPolicy;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;

class FairPutCeilingTest {

    @Test
    void theFairCacheKeepsPresencesDurabilityAndNoneOfItsDesign() {
        CacheConfiguration<String, byte[]> fair = FairPutCeiling.cacheConfiguration();
        CacheConfiguration<?, ?> presence = PresenceCaches.presence();

        assertThat(fair.getCacheMode()).isEqualTo(CacheMode.PARTITIONED);
        assertThat(fair.getBackups()).isEqualTo(2);
        assertThat(fair.getWriteSynchronizationMode()).isEqualTo(CacheWriteSynchronizationMode.FULL_SYNC);
        assertThat(fair.getAtomicityMode()).isEqualTo(CacheAtomicityMode.ATOMIC);
        assertThat(fair.getDataRegionName()).isEqualTo(presence.getDataRegionName());
        assertThat(fair.getAffinity().partitions()).isEqualTo(presence.getAffinity().partitions());
        assertThat(fair.getQueryEntities()).isEmpty();
        assertThat(fair.getExpiryPolicyFactory().create()).as("Ignite's default: no TTL").isInstanceOf(EternalExpiryPolicy.class);
        assertThat(fair.getGroupName()).as("a group of its own").isNull();
        assertThat(fair.getName()).isNotIn(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION);
    }
}
