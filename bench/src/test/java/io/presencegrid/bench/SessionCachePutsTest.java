package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.PresenceCaches;
import javax.cache.expiry.EternalExpiryPolicy;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;

class SessionCachePutsTest {

    @Test
    void theSessionCopyIsDeviceSessionsConfigurationUnderItsOwnNames() {
        CacheConfiguration<?, ?> copy = SessionCachePuts.cacheConfiguration();
        CacheConfiguration<?, ?> product = PresenceCaches.deviceSession(PresenceCaches.DEFAULT_TTL_SECONDS);

        assertThat(copy.getAtomicityMode()).isEqualTo(product.getAtomicityMode());
        assertThat(copy.getWriteSynchronizationMode()).isEqualTo(product.getWriteSynchronizationMode());
        assertThat(copy.getBackups()).isEqualTo(product.getBackups());
        assertThat(copy.getExpiryPolicyFactory().create()).isNotInstanceOf(EternalExpiryPolicy.class);
        assertThat(copy.getQueryEntities()).hasSize(1);
        assertThat(copy.getQueryEntities().iterator().next().getTableName()).isEqualTo("BENCH_SESSION_PUT");
        assertThat(copy.getGroupName()).isNull();
    }
}
