package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.topology.ServerNodeSettings;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Test grids are production's servers: the configuration a test grid starts (GridTestCluster, as every
 * integration test uses it) may differ from the one GridNodeLauncher starts only where a test must
 * differ. Anything else a test changed would make the tests pass against a server nobody runs.
 */
class ServerConfigurationParityTest {

    /**
     * Where a test grid may differ: its ports and the discovery addresses made of them, its work directory,
     * its region sizes, and the two things a test JVM needs (GridTestCluster.asTestNode: an instance name
     * of its own, no REST connector). The TTL and sweep period a test picks, as an operator would with
     * PRESENCE_TTL_SECONDS and PRESENCE_SWEEP_SECONDS, sit inside objects compared by their class (the
     * expiry policy's factory, the services), so they never show as a difference.
     */
    private static final Pattern MAY_DIFFER = Pattern.compile(String.join("|",
            ".*[pP]ort", "discoverySpi\\.ipFinder\\.registeredAddresses\\[\\d+\\]", "discoverySpi\\.ipFinderFormatted",
            "workDirectory", "igniteInstanceName", "gridName",
            "dataStorageConfiguration\\.(defaultDataRegionConfiguration|dataRegionConfigurations\\[\\d+\\])\\.maxSize",
            "connectorConfiguration.*"));

    @Test
    void aTestGridsServerDiffersFromProductionOnlyInPortsPathsSizesAndTheSettingsATestPicks() {
        IgniteConfiguration production = ServerAssembly.configuration(ServerNodeSettings.fromEnvironment(0, Map.of()));
        try (GridTestCluster grid = GridTestCluster.create("parity", ServerAssembly::configuration)
                .withTtlSeconds(3).withSweepSeconds(1)) {
            Set<String> differing = differences(production, grid.configuration(0));

            assertThat(differing).as("a test grid listens elsewhere than production").anyMatch(path -> path.endsWith("Port"));
            assertThat(differing).as("properties a test grid sets unlike production")
                    .allMatch(path -> MAY_DIFFER.matcher(path).matches());
        }
    }

    @Test
    void aChangeDeepInsideTheConfigurationIsSeenAndRefused() {
        IgniteConfiguration production = ServerAssembly.configuration(ServerNodeSettings.fromEnvironment(0, Map.of()));
        IgniteConfiguration weakened = ServerAssembly.configuration(ServerNodeSettings.fromEnvironment(0, Map.of()));
        weakened.getCacheConfiguration()[0].setBackups(0);
        weakened.getDataStorageConfiguration().setWalSegments(10);

        Set<String> differing = differences(production, weakened);

        assertThat(differing).containsExactlyInAnyOrder("cacheConfiguration[0].backups", "dataStorageConfiguration.walSegments");
        assertThat(differing).noneMatch(path -> MAY_DIFFER.matcher(path).matches());
    }

    private static Set<String> differences(IgniteConfiguration expected, IgniteConfiguration actual) {
        Map<String, String> left = ConfigurationProperties.of(expected);
        Map<String, String> right = ConfigurationProperties.of(actual);
        Set<String> differing = new TreeSet<>();
        left.forEach((path, value) -> {
            if (!value.equals(right.get(path))) {
                differing.add(path);
            }
        });
        right.keySet().stream().filter(path -> !left.containsKey(path)).forEach(differing::add);
        return differing;
    }
}
