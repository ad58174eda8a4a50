package io.presencegrid.drills.security;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import io.presencegrid.topology.PortPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The security drill, run from outside against the cluster `scripts/cluster.sh up` starts (TLS and
 * accounts on): every way in that should be closed is tried, and each that gets anything counts in
 * {@code got_through}, which must be 0. Positive controls (the right certificate, account and token
 * still work) keep a cluster that refuses everything from passing. The legitimate side uses what `up`
 * made under PRESENCE_HOME, as an operator would.
 *
 * <p>Arguments: the API's base URL. Environment: PRESENCE_HOME, PRESENCE_JWT_SECRET (the API's).
 */
public final class SecurityDrill {

    private static final int NODES = 3;
    private static final int THIN_BASE = PortPlan.LOCAL.clientBase();
    private static final int REST_BASE = PortPlan.LOCAL.restBase();
    private static final int DISCOVERY_BASE = PortPlan.LOCAL.discoveryBase();
    private static final int COMMUNICATION_BASE = PortPlan.LOCAL.communicationBase();

    private SecurityDrill() {
    }

    public static void main(String[] args) throws Exception {
        String apiBase = args.length > 0 ? args[0] : "http://127.0.0.1:" + PortPlan.LOCAL_API_BASE;
        Path home = Path.of(System.getenv().getOrDefault("PRESENCE_HOME", "var")).toAbsolutePath();
        ClusterMaterial material = ClusterMaterial.of(home);
        Attempts attempts = new Attempts();
        Path work = Files.createTempDirectory("presence-security-drill");

        try {
            new ClientPortAttacks(material, attempts, THIN_BASE).run();
            new IgniteRestAttacks(material, attempts, REST_BASE).run();
            new PlainTextAttacks(attempts).run(NODES, THIN_BASE, DISCOVERY_BASE, COMMUNICATION_BASE);
            new NodeJoinAttacks(material, attempts, "127.0.0.1:" + DISCOVERY_BASE + ".." + (DISCOVERY_BASE + NODES - 1), work).run();
            new ToolAttacks(attempts, THIN_BASE).run();
            new TokenAttacks(new ApiClient(apiBase), PresenceTokens.fromEnvironment(), attempts).run();
        } finally {
            // The intruder nodes' work directories: every run left one in the temporary directory.
            deleteTree(work);
        }

        attempts.gotThrough().forEach(attack -> System.out.println("GOT THROUGH " + attack));
        attempts.failedControls().forEach(control -> System.out.println("CONTROL FAILED " + control));
        boolean passed = attempts.gotThrough().isEmpty() && attempts.failedControls().isEmpty();
        System.out.println(new Figures("security")
                .put("attacks", attempts.attacks())
                .put("got_through", attempts.gotThrough().size())
                .put("controls", attempts.controls())
                .put("controls_failed", attempts.failedControls().size())
                .line(passed));
        System.exit(passed ? 0 : 1);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
