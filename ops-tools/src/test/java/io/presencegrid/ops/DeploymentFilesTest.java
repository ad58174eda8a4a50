package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.topology.NodePlacement;
import io.presencegrid.topology.PortPlan;
import io.presencegrid.topology.ServerNodeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the packaging in deploy/ (the two images and their entrypoints, compose.yaml, the Kubernetes
 * manifests, the systemd units) and docs/deployment.md against the code, with no Docker, no cluster and
 * no network: nothing here builds an image or starts a process. The variables, ports, paths and main
 * classes these files name are taken from the sources, so a rename on either side fails here.
 */
class DeploymentFilesTest {

    private static final Path ROOT = RepoScript.REPO_ROOT;
    private static final Path DOCKER = ROOT.resolve("deploy/docker");
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final Path COMPOSE = ROOT.resolve("deploy/compose.yaml");
    private static final Path GUIDE = ROOT.resolve("docs/deployment.md");
    private static final Path API_CONFIG = ROOT.resolve("api-service/src/main/resources/application.yaml");

    private static final String DISCOVERY_PORT = NodePlacement.DISCOVERY_PORT;
    private static final String COMMUNICATION_PORT = NodePlacement.COMMUNICATION_PORT;
    private static final String CLIENT_PORT = NodePlacement.CLIENT_PORT;
    private static final String REST_PORT = NodePlacement.REST_PORT;
    private static final String METRICS_PORT = NodePlacement.METRICS_PORT;
    private static final String API_PORT = "PRESENCE_API_PORT";
    private static final String MANAGEMENT_PORT = "PRESENCE_MANAGEMENT_PORT";
    /** The names that say where a TLS store is; like every *_FILE variable, they must name a mounted secret. */
    private static final Set<String> STORE_PATHS = Set.of("PRESENCE_GRID_TLS_KEY_STORE", "PRESENCE_GRID_TLS_TRUST_STORE");

    private static final Pattern NAMED = Pattern.compile("PRESENCE_[A-Z0-9_]+");
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"(PRESENCE_[A-Z0-9_]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(PRESENCE_[A-Z0-9_]+)(?::([^}]*))?}");
    private static final Pattern SECRET_READ = Pattern.compile("valueOrFile\\(\\s*env\\s*,\\s*(\"?[A-Z0-9_]+\"?)\\s*\\)");
    private static final Pattern JAVA_LAUNCH = Pattern.compile("\\bjava\\s+(\\S+)");
    /** A secret written where a file name belongs: NAME=value or NAME: value for a password or secret. */
    private static final Pattern SECRET_ASSIGNMENT =
            Pattern.compile("\\b(PRESENCE_[A-Z0-9_]*(?:PASSWORD|SECRET))\\s*[=:]\\s*[\"']?[A-Za-z0-9+/]");
    /** A base64 or hex run, padding only at its end, so that NAME=value assignments are not taken for one. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/_-]{32,}={0,2}");

    /**
     * One deployable: the image it is, the code that reads its environment, what it launches, and its
     * ports, named as the Kubernetes manifests name them.
     *
     * @param image         the image name's last part, how compose services and pods are told apart
     * @param modules       the modules whose main sources read its environment, or single source files
     * @param launches      the main class or jar its java command must name
     * @param ownVariables  variables only its entrypoint and unit read (the heaps scripts/lib/grid-start.sh knows too)
     * @param portVariables port name -> the variable that sets the port
     * @param exposed       the port variables its image must EXPOSE
     */
    private record Component(String image, List<String> modules, String launches, Set<String> ownVariables,
                             Map<String, String> portVariables, Set<String> exposed) {

        Path dockerfile() {
            return DOCKER.resolve(image + ".Dockerfile");
        }

        Path entrypoint() {
            return DOCKER.resolve(image + "-entrypoint.sh");
        }

        Path unit() {
            return ROOT.resolve("deploy/systemd").resolve(image.equals("grid-node") ? "presence-grid-node@.service" : "presence-api@.service");
        }
    }

    private static final Component GRID_NODE = new Component("grid-node", List.of("grid-config", "compute-tasks", "grid-node"),
            "io.presencegrid.node.GridNodeLauncher", Set.of("PRESENCE_NODE_INDEX", "PRESENCE_NODE_HEAP"),
            Map.of("discovery", DISCOVERY_PORT, "communication", COMMUNICATION_PORT, "thin-client", CLIENT_PORT, "rest", REST_PORT,
                    "metrics", METRICS_PORT),
            Set.of(DISCOVERY_PORT, COMMUNICATION_PORT, CLIENT_PORT, REST_PORT, METRICS_PORT));
    private static final Component API = new Component("api-service",
            // The API reads PRESENCE_LOG_FORMAT through the class it shares with the grid nodes.
            List.of("api-service", "grid-config/src/main/java/io/presencegrid/topology/LogFormat.java"),
            "api-service.jar", Set.of("PRESENCE_API_HEAP"),
            Map.of("http", API_PORT, "communication", COMMUNICATION_PORT, "thin-client", CLIENT_PORT, "management", MANAGEMENT_PORT),
            Set.of(API_PORT, COMMUNICATION_PORT));
    private static final List<Component> COMPONENTS = List.of(GRID_NODE, API);

    @Test
    void everyPresenceVariableTheFilesNameIsOneTheCodeReads() {
        List<String> unknown = new ArrayList<>();
        Set<String> anyComponent = new TreeSet<>();
        for (Component component : COMPONENTS) {
            Set<String> known = allowed(component);
            anyComponent.addAll(known);
            for (Path file : List.of(component.dockerfile(), component.entrypoint(), component.unit())) {
                unknownIn(file.toString(), names(read(file)), known, unknown);
            }
            for (Container container : containers(component)) {
                unknownIn(container.where(), names(String.join(" ", container.env().keySet()) + " "
                        + String.join(" ", container.valueFrom().keySet())), known, unknown);
            }
        }
        // The guide may also name what the scripts read: it shows how to make the material with them.
        anyComponent.addAll(names(readAll(ROOT.resolve("scripts"), ".sh")));
        unknownIn(GUIDE.toString(), names(read(GUIDE)), anyComponent, unknown);
        unknownIn(COMPOSE.toString(), names(read(COMPOSE)), anyComponent, unknown);
        unknownIn(KUBERNETES.toString(), names(readAll(KUBERNETES, ".yaml")), anyComponent, unknown);

        assertThat(unknown).as("PRESENCE_* variables no code of that component reads").isEmpty();
        for (Component component : COMPONENTS) {
            // Each of its own variables really is read by its entrypoint, and is no variable of the code's.
            assertThat(component.ownVariables()).allSatisfy(name -> {
                assertThat(read(component.entrypoint())).contains("${" + name);
                assertThat(readByCode(component)).doesNotContain(name);
            });
        }
        assertThat(read(ROOT.resolve("scripts/lib/grid-start.sh"))).contains("PRESENCE_NODE_HEAP", "PRESENCE_API_HEAP");
    }

    @Test
    void imagesRunTheEntrypointsAsANonRootUserWithTheSharedJvmFlags() {
        for (Component component : COMPONENTS) {
            Dockerfile image = Dockerfile.parse(component.dockerfile());
            String entrypointPath = image.copiedTo(component.entrypoint().getFileName().toString(), "deploy");
            String flagsPath = image.copiedTo("ignite-jvm.options", "ops-tools");
            String script = withAppDirectory(read(component.entrypoint()));

            assertThat(image.user()).as(component.image() + " USER").isNotBlank()
                    .doesNotMatch("(root|0)(:.*)?");
            assertThat(image.execForm("ENTRYPOINT")).containsExactly(entrypointPath);
            assertThat(image.execForm("CMD")).hasSize(1);
            assertThat(script).contains("JVM_FLAGS_FILE=" + flagsPath)
                    .contains(component.launches());
            // Every JVM that loads ignite-core starts with the flag file (IGNITE-NOTES.md), so every java here does.
            List<String> javaArguments = all(JAVA_LAUNCH, script, 1);
            assertThat(javaArguments).isNotEmpty().allSatisfy(first -> assertThat(first).isEqualTo("@\"$JVM_FLAGS_FILE\""));
            assertThat(ROOT.resolve("ops-tools/src/jvm/ignite-jvm.options")).content().contains("${ignite.jvm.flags}");
        }
        assertThat(read(GRID_NODE.entrypoint())).contains("io.presencegrid.ops.ControlUtility");
        assertThat(ROOT.resolve("grid-node/src/main/java/io/presencegrid/node/GridNodeLauncher.java")).content()
                .contains("public static void main");
        assertThat(ROOT.resolve("ops-tools/src/main/java/io/presencegrid/ops/ControlUtility.java")).content()
                .contains("public static void main");
        assertThat(ROOT.resolve("grid-node/pom.xml")).content().contains("<finalName>grid-node</finalName>");
        assertThat(ROOT.resolve("api-service/pom.xml")).content().contains("<finalName>api-service</finalName>");
        assertThat(ROOT.resolve("ops-tools/pom.xml")).content().contains("<finalName>ops-tools</finalName>");
    }

    @Test
    void imagesExposeTheirPortsKeepTheirDataOnVolumesAndCheckTheirHealth() {
        for (Component component : COMPONENTS) {
            Dockerfile image = Dockerfile.parse(component.dockerfile());
            Map<String, String> env = effective(component, Map.of());
            Set<Integer> expected = component.exposed().stream().map(name -> Integer.valueOf(env.get(name))).collect(Collectors.toSet());

            assertThat(image.exposed()).as(component.image() + " EXPOSE").isEqualTo(expected);
            assertThat(image.healthcheck()).containsExactly(image.execForm("ENTRYPOINT").get(0), "health");
        }

        // The grid node's data under PRESENCE_HOME/node-i; its WAL under db/wal there (storage.xml names no
        // other place), where the entrypoint links the WAL volume.
        Dockerfile gridImage = Dockerfile.parse(GRID_NODE.dockerfile());
        String home = gridImage.env().get("PRESENCE_HOME");
        String script = read(GRID_NODE.entrypoint());
        String walVolume = single(Pattern.compile("(?m)^WAL_VOLUME=(\\S+)"), script);
        assertThat(gridImage.volumes()).containsExactlyInAnyOrder(home, walVolume);
        assertThat(ServerNodeSettings.fromEnvironment(2, Map.of("PRESENCE_HOME", home)).workDirectory())
                .isEqualTo(Path.of(home, "node-2"));
        assertThat(script).contains("link_wal_volume \"$PRESENCE_HOME/node-$index/db\"");
        assertThat(ROOT.resolve("grid-config/src/main/resources/presence-grid/storage.xml")).content().doesNotContain("walPath");
        assertThat(healthFunction(script)).contains("PRESENCE_REST_PORT");

        assertThat(read(API.entrypoint())).contains("LIVENESS_PATH=" + actuatorPath("liveness"));
    }

    @Test
    void composeRunsThreeGridNodesAndTwoApiNodesWithSecretsAsMountedFiles() {
        Map<String, Object> compose = yaml(COMPOSE).get(0);
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> secrets = map(compose.get("secrets"));
        List<Container> gridNodes = containers(GRID_NODE).stream().filter(c -> c.where().startsWith("compose")).toList();
        List<Container> apiNodes = containers(API).stream().filter(c -> c.where().startsWith("compose")).toList();

        assertThat(gridNodes).hasSize(3);
        assertThat(apiNodes).hasSize(2);
        // Path.startsWith, not AssertJ's: the files are made at deployment and do not exist here.
        assertThat(secrets).allSatisfy((name, secret) -> assertThat(ROOT.resolve("deploy").resolve(string(map(secret).get("file")))
                .normalize().startsWith(ROOT.resolve("var"))).as("secret " + name + " lives in git-ignored var/").isTrue());
        assertThat(read(ROOT.resolve(".gitignore")).lines()).contains("var/");

        Set<String> gridNames = gridNodes.stream().map(Container::name).collect(Collectors.toSet());
        for (Container node : Stream.concat(gridNodes.stream(), apiNodes.stream()).toList()) {
            Map<String, Object> service = map(services.get(node.name()));
            Map<String, String> mounted = new HashMap<>();
            for (Object entry : list(service.get("secrets"))) {
                String source = entry instanceof Map<?, ?> m ? string(m.get("source")) : string(entry);
                String target = entry instanceof Map<?, ?> m && m.get("target") != null ? string(m.get("target")) : source;
                assertThat(secrets).as(node.where() + " secret").containsKey(source);
                mounted.put("/run/secrets/" + target, source);
            }
            assertThat(fileVariables(node.env())).as(node.where() + ": files are mounted secrets")
                    .allSatisfy((name, path) -> assertThat(mounted).containsKey(path));
            Map<String, String> env = effective(node.component(), node.env());
            for (String published : list(service.get("ports")).stream().map(DeploymentFilesTest::string).toList()) {
                String containerPort = published.substring(published.lastIndexOf(':') + 1).replace("/tcp", "");
                assertThat(portValues(node.component(), env)).as(node.where() + " publishes " + published).contains(containerPort);
            }
            assertThat(seeds(env)).allSatisfy(seed -> {
                assertThat(gridNames).as(node.where() + " discovery seed " + seed).contains(seed.host());
                assertThat(seed.port()).isEqualTo(effective(GRID_NODE, containerEnv(gridNodes, seed.host())).get(DISCOVERY_PORT));
            });
            if ("0.0.0.0".equals(env.get(NodePlacement.BIND_HOST))) {
                assertThat(env.get(NodePlacement.ADVERTISED_HOST)).as(node.where() + " advertises its own name").isEqualTo(node.name());
            }
        }
        for (Container node : gridNodes) {
            List<String> targets = list(map(services.get(node.name())).get("volumes")).stream()
                    .map(volume -> string(volume).split(":")).peek(parts -> assertThat(map(compose.get("volumes")))
                            .as(node.where() + " uses named volumes").containsKey(parts[0]))
                    .map(parts -> parts[1]).toList();
            assertThat(targets).containsAll(Dockerfile.parse(GRID_NODE.dockerfile()).volumes());
        }
        assertThat(gridNodes).extracting(node -> node.env().get(ServerNodeSettings.CONSISTENT_ID)).doesNotHaveDuplicates();
        assertThat(gridNodes).extracting(node -> node.env().get("PRESENCE_NODE_INDEX")).doesNotHaveDuplicates();
    }

    @Test
    void gridStatefulSetKeepsDataAndWalOnClaimsAndIsFoundThroughItsHeadlessService() {
        List<Map<String, Object>> documents = kubernetes();
        Map<String, Object> statefulSet = only(documents, "StatefulSet");
        Map<String, Object> spec = map(statefulSet.get("spec"));
        Map<String, Object> podSpec = map(map(spec.get("template")).get("spec"));
        Map<String, Object> labels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
        Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
        String namespace = string(map(statefulSet.get("metadata")).get("namespace"));

        Map<String, Object> headless = documents.stream().filter(d -> "Service".equals(d.get("kind")))
                .filter(d -> string(map(d.get("metadata")).get("name")).equals(string(spec.get("serviceName"))))
                .findFirst().orElseThrow(() -> new AssertionError("no Service named by the StatefulSet's serviceName"));
        assertThat(map(headless.get("spec"))).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
        assertThat(labels).containsAllEntriesOf(map(map(headless.get("spec")).get("selector")));
        assertThat(spec.get("replicas")).isEqualTo(3);

        Map<String, String> mounts = new HashMap<>();
        list(container.get("volumeMounts")).forEach(m -> mounts.put(string(map(m).get("name")), string(map(m).get("mountPath"))));
        List<String> claims = list(spec.get("volumeClaimTemplates")).stream()
                .map(claim -> string(map(map(claim).get("metadata")).get("name"))).toList();
        List<String> claimedPaths = claims.stream().map(mounts::get).toList();
        assertThat(claimedPaths).as("storage and WAL on claims").containsExactlyInAnyOrderElementsOf(
                Dockerfile.parse(GRID_NODE.dockerfile()).volumes());

        Map<String, Object> budget = only(documents, "PodDisruptionBudget");
        assertThat(map(budget.get("spec"))).containsEntry("maxUnavailable", 1);
        assertThat(map(budget.get("metadata"))).containsEntry("namespace", namespace);
        assertThat(labels).as("the budget selects the grid's pods")
                .containsAllEntriesOf(map(map(map(budget.get("spec")).get("selector")).get("matchLabels")));

        Pattern podName = Pattern.compile(Pattern.quote(string(map(statefulSet.get("metadata")).get("name"))) + "-(\\d+)\\."
                + Pattern.quote(string(spec.get("serviceName"))) + "\\." + Pattern.quote(namespace) + "\\.svc\\.cluster\\.local");
        for (Container pod : containers(GRID_NODE).stream().filter(c -> c.where().startsWith("kubernetes")).toList()) {
            assertThat(pod.valueFrom()).containsEntry(ServerNodeSettings.CONSISTENT_ID, "metadata.name")
                    .containsEntry(NodePlacement.BIND_HOST, "status.podIP");
        }
        for (Container pod : containers().stream().filter(c -> c.where().startsWith("kubernetes")).toList()) {
            String discovery = effective(GRID_NODE, containerEnv(containers(GRID_NODE).stream()
                    .filter(c -> c.where().startsWith("kubernetes")).toList(), "grid-node")).get(DISCOVERY_PORT);
            assertThat(seeds(effective(pod.component(), pod.env()))).as(pod.where() + " discovery seeds").isNotEmpty()
                    .allSatisfy(seed -> {
                        Matcher ordinal = podName.matcher(seed.host());
                        assertThat(ordinal.matches()).as(seed.host() + " is a pod of the StatefulSet").isTrue();
                        assertThat(Integer.parseInt(ordinal.group(1))).isLessThan(3);
                        assertThat(seed.port()).isEqualTo(discovery);
                    });
        }
    }

    @Test
    void podPortsAndProbesAreThePortsTheirVariablesSet() {
        List<Map<String, Object>> documents = kubernetes();
        Set<String> secretNames = documents.stream().filter(d -> "Secret".equals(d.get("kind")))
                .map(d -> string(map(d.get("metadata")).get("name"))).collect(Collectors.toSet());
        for (Container pod : containers().stream().filter(c -> c.where().startsWith("kubernetes")).toList()) {
            Map<String, String> env = effective(pod.component(), pod.env());
            Map<String, String> ports = pod.ports();
            assertThat(ports.keySet()).as(pod.where() + " port names").isSubsetOf(pod.component().portVariables().keySet());
            ports.forEach((name, port) -> assertThat(port).as(pod.where() + " port " + name)
                    .isEqualTo(env.get(pod.component().portVariables().get(name))));
            pod.probes().forEach((probe, probed) -> {
                String portName = ports.containsKey(probed.port()) ? probed.port()
                        : ports.entrySet().stream().filter(e -> e.getValue().equals(probed.port())).map(Map.Entry::getKey)
                        .findFirst().orElseThrow(() -> new AssertionError(pod.where() + " " + probe + " probes an undeclared port"));
                String variable = pod.component().portVariables().get(portName);
                if (pod.component() == GRID_NODE) {
                    assertThat(variable).as(pod.where() + " " + probe).isIn(REST_PORT, CLIENT_PORT);
                } else {
                    assertThat(variable).as(pod.where() + " " + probe)
                            .isEqualTo(env.containsKey(MANAGEMENT_PORT) ? MANAGEMENT_PORT : API_PORT);
                    assertThat(probed.path()).as(pod.where() + " " + probe)
                            .isEqualTo(actuatorPath(probe.equals("readinessProbe") ? "readiness" : "liveness"));
                }
            });
            assertThat(pod.probes()).as(pod.where()).containsKeys("readinessProbe", "livenessProbe");
            assertThat(fileVariables(pod.env())).as(pod.where() + ": files are mounted secrets").allSatisfy((name, path) ->
                    assertThat(pod.secretMounts()).as(name).anySatisfy((mountPath, secret) -> {
                        assertThat(path).startsWith(mountPath + "/");
                        assertThat(secretNames).contains(secret);
                    }));
        }
        Map<String, Object> deployment = only(documents, "Deployment");
        Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
        Map<String, Object> service = documents.stream().filter(d -> "Service".equals(d.get("kind")))
                .filter(d -> podLabels.entrySet().containsAll(map(map(d.get("spec")).get("selector")).entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no Service selects the API's pods"));
        Container api = containers(API).stream().filter(c -> c.where().startsWith("kubernetes")).findFirst().orElseThrow();
        assertThat(list(map(service.get("spec")).get("ports"))).allSatisfy(port ->
                assertThat(api.ports()).containsKey(string(map(port).get("targetPort"))));
        Map<String, Object> target = map(map(only(documents, "HorizontalPodAutoscaler").get("spec")).get("scaleTargetRef"));
        assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", map(deployment.get("metadata")).get("name"));
    }

    @Test
    void noFileHoldsASecretValue() {
        List<Path> files = new ArrayList<>(List.of(COMPOSE, GUIDE));
        files.addAll(list(DOCKER));
        files.addAll(list(KUBERNETES));
        files.addAll(list(ROOT.resolve("deploy/systemd")));
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String text = read(file);
            if (text.contains("-----BEGIN")) {
                found.add(file + ": a PEM block");
            }
            all(SECRET_ASSIGNMENT, text, 1).forEach(name -> found.add(file + ": a value for " + name + " (give " + name + "_FILE)"));
            all(TOKEN, text, 0).stream().filter(DeploymentFilesTest::looksRandom).forEach(token -> found.add(file + ": " + token));
        }
        for (Container container : containers()) {
            container.env().keySet().stream().filter(name -> name.matches(".*(PASSWORD|SECRET)"))
                    .forEach(name -> found.add(container.where() + ": " + name + " set as a value"));
        }
        for (Map<String, Object> secret : kubernetes().stream().filter(d -> "Secret".equals(d.get("kind"))).toList()) {
            for (String field : List.of("data", "stringData")) {
                if (secret.get(field) != null && !map(secret.get(field)).isEmpty()) {
                    found.add("Secret " + map(secret.get("metadata")).get("name") + " carries " + field);
                }
            }
        }
        for (Component component : COMPONENTS) {
            Dockerfile.parse(component.dockerfile()).all("COPY").stream()
                    .filter(copy -> copy.matches("(?i).*(\\.p12|\\.key|\\.pem|\\.crt|secret|password|/tls/).*"))
                    .forEach(copy -> found.add(component.dockerfile() + " copies " + copy));
        }
        assertThat(found).as("secret values in the deployment files").isEmpty();
    }

    @Test
    void systemdUnitsLaunchAsTheScriptsDoAndReadSecretsAsCredentials() {
        for (Component component : COMPONENTS) {
            Unit unit = Unit.parse(component.unit());
            String execStart = unit.values("ExecStart").get(0);
            String flagsPath = Dockerfile.parse(component.dockerfile()).copiedTo("ignite-jvm.options", "ops-tools");

            assertThat(execStart).startsWith("/usr/bin/java @" + flagsPath + " ").contains(component.launches());
            assertThat(unit.values("EnvironmentFile")).isNotEmpty();
            assertThat(unit.values("User")).doesNotContain("root");
            Map<String, String> environment = unit.values("Environment").stream()
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
            assertThat(fileVariables(environment)).as(component.unit() + ": secrets from systemd's credentials")
                    .allSatisfy((name, path) -> assertThat(path).startsWith("%d/"));
            assertThat(unit.values("LoadCredential")).hasSize(fileVariables(environment).size());
        }
        assertThat(Unit.parse(GRID_NODE.unit()).values("ExecStart").get(0)).endsWith(" %i");
    }

    @Test
    void guideCoversBuildingRunningAndWhatWasNotRunAndTheRunbookTheBaselineOnKubernetes() {
        assertThat(read(GUIDE)).contains("docker build", "docker compose", "kubectl apply", "systemctl",
                "--set-state ACTIVE", "## What was run here and what was not", "DeploymentFilesTest",
                "`docs/operations.md`, \"On Kubernetes\"");
        String runbook = read(ROOT.resolve("docs/operations.md"));
        int start = runbook.indexOf("## On Kubernetes");
        assertThat(start).as("docs/operations.md has a section On Kubernetes").isNotNegative();
        String kubernetes = runbook.substring(start, runbook.indexOf("\n## ", start + 1));
        assertThat(kubernetes).contains("kubectl -n presence exec", "--set-state ACTIVE", "--baseline add",
                "--baseline remove", "PARTITION_STATES");
    }

    // --- what the code reads -------------------------------------------------------------------------

    private static Set<String> allowed(Component component) {
        Set<String> names = new TreeSet<>(readByCode(component));
        names.addAll(component.ownVariables());
        return names;
    }

    /** Literals in the component's main sources and placeholders in its YAML, plus the _FILE form of secrets. */
    private static Set<String> readByCode(Component component) {
        Set<String> names = new TreeSet<>();
        for (String module : component.modules()) {
            Path source = ROOT.resolve(module);
            for (Path file : Files.isRegularFile(source) ? List.of(source) : list(source.resolve("src/main"))) {
                String text = read(file);
                if (file.toString().endsWith(".java")) {
                    names.addAll(all(JAVA_LITERAL, text, 1));
                    names.addAll(secretFiles(text));
                } else if (file.toString().endsWith(".yaml")) {
                    names.addAll(all(PLACEHOLDER, text, 1));
                }
            }
        }
        return names;
    }

    /** {@code Secrets.valueOrFile(env, NAME)} also reads NAME_FILE. */
    private static List<String> secretFiles(String javaSource) {
        return all(SECRET_READ, javaSource, 1).stream()
                .map(argument -> argument.startsWith("\"") ? argument.replace("\"", "")
                        : single(Pattern.compile("\\b" + argument + "\\s*=\\s*\"(PRESENCE_[A-Z0-9_]+)\""), javaSource))
                .map(name -> name + "_FILE").toList();
    }

    /** The variables a container ends up with: the code's defaults, then the image's ENV, then its own. */
    private static Map<String, String> effective(Component component, Map<String, String> own) {
        Map<String, String> env = new HashMap<>();
        if (component == GRID_NODE) {
            PortPlan plan = PortPlan.LOCAL;
            env.putAll(Map.of(DISCOVERY_PORT, "" + plan.discoveryPort(0), COMMUNICATION_PORT, "" + plan.communicationPort(0),
                    CLIENT_PORT, "" + plan.clientPort(0), REST_PORT, "" + plan.restPort(0), METRICS_PORT, "" + plan.metricsPort(0)));
        } else {
            Matcher placeholder = PLACEHOLDER.matcher(read(API_CONFIG));
            while (placeholder.find()) {
                if (placeholder.group(2) != null && !placeholder.group(2).isEmpty()) {
                    env.putIfAbsent(placeholder.group(1), placeholder.group(2));
                }
            }
        }
        env.putAll(Dockerfile.parse(component.dockerfile()).env());
        env.putAll(own);
        return env;
    }

    private static Set<String> portValues(Component component, Map<String, String> env) {
        return component.portVariables().values().stream().map(env::get).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** Spring Boot's path of a health group the API's application.yaml defines, with probes on. */
    private static String actuatorPath(String group) {
        Map<String, Object> health = map(map(map(yaml(API_CONFIG).get(0).get("management")).get("endpoint")).get("health"));
        assertThat(map(health.get("probes"))).containsEntry("enabled", true);
        assertThat(map(health.get("group"))).containsKey(group);
        Object web = map(map(yaml(API_CONFIG).get(0).get("management")).get("endpoints")).get("web");
        Object basePath = web == null ? null : map(web).get("base-path");
        return (basePath == null ? "/actuator" : string(basePath)) + "/health/" + group;
    }

    // --- containers in compose.yaml and the Kubernetes manifests ---------------------------------------

    private record Probe(String port, String path) {
    }

    private record Seed(String host, String port) {
    }

    /**
     * One container of compose.yaml or a Kubernetes workload.
     *
     * @param env          variables set with a value
     * @param valueFrom    variables set from the downward API: name -> field path
     * @param ports        declared port name -> number (Kubernetes)
     * @param probes       probe kind -> its port and path (Kubernetes)
     * @param secretMounts mount path -> Secret name (Kubernetes)
     */
    private record Container(String where, String name, Component component, Map<String, String> env,
                             Map<String, String> valueFrom, Map<String, String> ports, Map<String, Probe> probes,
                             Map<String, String> secretMounts) {
    }

    private static List<Container> containers(Component component) {
        return containers().stream().filter(c -> c.component() == component).toList();
    }

    private static List<Container> containers() {
        List<Container> containers = new ArrayList<>();
        map(yaml(COMPOSE).get(0).get("services")).forEach((name, value) -> {
            Map<String, Object> service = map(value);
            Map<String, String> env = new LinkedHashMap<>();
            map(service.get("environment")).forEach((key, v) -> env.put(key, string(v)));
            containers.add(new Container("compose service " + name, name, componentOf(string(service.get("image"))), env,
                    Map.of(), Map.of(), Map.of(), Map.of()));
        });
        for (Map<String, Object> document : kubernetes()) {
            if (!List.of("Deployment", "StatefulSet").contains(document.get("kind"))) {
                continue;
            }
            Map<String, Object> podSpec = map(map(map(document.get("spec")).get("template")).get("spec"));
            Map<String, String> secretVolumes = new HashMap<>();
            list(podSpec.get("volumes")).stream().map(DeploymentFilesTest::map).filter(v -> v.get("secret") != null)
                    .forEach(v -> secretVolumes.put(string(v.get("name")), string(map(v.get("secret")).get("secretName"))));
            for (Object item : list(podSpec.get("containers"))) {
                containers.add(kubernetesContainer(document, map(item), secretVolumes));
            }
        }
        return containers;
    }

    private static Container kubernetesContainer(Map<String, Object> workload, Map<String, Object> container,
                                                 Map<String, String> secretVolumes) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> valueFrom = new LinkedHashMap<>();
        for (Object item : list(container.get("env"))) {
            Map<String, Object> variable = map(item);
            if (variable.containsKey("value")) {
                env.put(string(variable.get("name")), string(variable.get("value")));
            } else {
                valueFrom.put(string(variable.get("name")), string(map(map(variable.get("valueFrom")).get("fieldRef")).get("fieldPath")));
            }
        }
        Map<String, String> ports = new LinkedHashMap<>();
        list(container.get("ports")).forEach(p -> ports.put(string(map(p).get("name")), string(map(p).get("containerPort"))));
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (String kind : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            if (container.get(kind) != null) {
                Map<String, Object> probe = map(container.get(kind));
                Map<String, Object> action = map(Optional.ofNullable(probe.get("httpGet")).orElse(probe.get("tcpSocket")));
                probes.put(kind, new Probe(string(action.get("port")), action.get("path") == null ? null : string(action.get("path"))));
            }
        }
        Map<String, String> secretMounts = new HashMap<>();
        list(container.get("volumeMounts")).stream().map(DeploymentFilesTest::map)
                .filter(m -> secretVolumes.containsKey(string(m.get("name"))))
                .forEach(m -> secretMounts.put(string(m.get("mountPath")), secretVolumes.get(string(m.get("name")))));
        String where = "kubernetes " + workload.get("kind") + " " + map(workload.get("metadata")).get("name");
        return new Container(where, string(container.get("name")), componentOf(string(container.get("image"))), env, valueFrom,
                ports, probes, secretMounts);
    }

    private static Component componentOf(String image) {
        return COMPONENTS.stream().filter(c -> image.matches(".*/" + c.image() + ":.*")).findFirst()
                .orElseThrow(() -> new AssertionError("an image of neither component: " + image));
    }

    private static Map<String, String> containerEnv(List<Container> containers, String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name)).env();
    }

    /** PRESENCE_GRID_ADDRESSES as host and port (the first of a range). */
    private static List<Seed> seeds(Map<String, String> env) {
        String addresses = env.getOrDefault("PRESENCE_GRID_ADDRESSES", "");
        return Stream.of(addresses.split(",")).filter(a -> !a.isBlank()).map(address -> {
            int colon = address.lastIndexOf(':');
            return new Seed(address.substring(0, colon).trim(), address.substring(colon + 1).replaceFirst("\\.\\..*", "").trim());
        }).toList();
    }

    /** Variables that name a secret's file or a TLS store: name -> path. */
    private static Map<String, String> fileVariables(Map<String, String> env) {
        return env.entrySet().stream().filter(e -> e.getKey().endsWith("_FILE") || STORE_PATHS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<Map<String, Object>> kubernetes() {
        return list(KUBERNETES).stream().filter(f -> f.toString().endsWith(".yaml")).flatMap(f -> yaml(f).stream()).toList();
    }

    private static Map<String, Object> only(List<Map<String, Object>> documents, String kind) {
        List<Map<String, Object>> matching = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(matching).as("one " + kind).hasSize(1);
        return matching.get(0);
    }

    // --- Dockerfiles and systemd units ---------------------------------------------------------------

    /** A Dockerfile's instructions, continuation lines joined, comments dropped. */
    private record Dockerfile(Path file, List<String[]> instructions) {

        static Dockerfile parse(Path file) {
            List<String[]> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : read(file).lines().toList()) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                current.append(line.strip());
                if (line.endsWith("\\")) {
                    current.setLength(current.length() - 1);
                    current.append(' ');
                    continue;
                }
                String[] parts = current.toString().split("\\s+", 2);
                instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
                current.setLength(0);
            }
            return new Dockerfile(file, instructions);
        }

        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
        }

        String user() {
            List<String> users = all("USER");
            return users.isEmpty() ? "" : users.get(users.size() - 1);
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            all("ENV").forEach(line -> Stream.of(line.split("\\s+")).map(pair -> pair.split("=", 2))
                    .forEach(pair -> env.put(pair[0], pair[1].replace("\"", ""))));
            return env;
        }

        Set<Integer> exposed() {
            return all("EXPOSE").stream().flatMap(line -> Stream.of(line.split("\\s+")))
                    .map(port -> Integer.valueOf(port.replace("/tcp", ""))).collect(Collectors.toSet());
        }

        List<String> volumes() {
            return all("VOLUME").stream().flatMap(line -> line.startsWith("[") ? jsonArray(line).stream() : Stream.of(line.split("\\s+")))
                    .toList();
        }

        List<String> execForm(String keyword) {
            List<String> lines = all(keyword);
            assertThat(lines).as(file + " " + keyword).hasSize(1);
            assertThat(lines.get(0)).as(file + " " + keyword + " in exec form").startsWith("[");
            return jsonArray(lines.get(0));
        }

        List<String> healthcheck() {
            List<String> lines = all("HEALTHCHECK");
            assertThat(lines).as(file + " HEALTHCHECK").hasSize(1);
            return jsonArray(lines.get(0).substring(lines.get(0).indexOf("CMD ") + 4));
        }

        /** Where the image puts {@code source} from the named build context. */
        String copiedTo(String source, String context) {
            for (String copy : all("COPY")) {
                List<String> words = Stream.of(copy.split("\\s+")).filter(w -> !w.startsWith("--chmod")).toList();
                if (words.get(0).equals("--from=" + context) && words.subList(1, words.size() - 1).contains(source)) {
                    String target = words.get(words.size() - 1);
                    return target.endsWith("/") ? target + source : target;
                }
            }
            throw new AssertionError(file + " copies no " + source + " from the " + context + " context");
        }

        private static List<String> jsonArray(String text) {
            return DeploymentFilesTest.all(Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\""), text, 1);
        }
    }

    /** A systemd unit's settings, continuation lines joined: key -> every value given. */
    private record Unit(Map<String, List<String>> settings) {

        static Unit parse(Path file) {
            Map<String, List<String>> settings = new HashMap<>();
            String joined = read(file).replace("\\\n", " ");
            for (String line : joined.lines().toList()) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) {
                    continue;
                }
                int equals = line.indexOf('=');
                settings.computeIfAbsent(line.substring(0, equals).strip(), k -> new ArrayList<>())
                        .add(line.substring(equals + 1).strip().replaceAll("\\s+", " "));
            }
            return new Unit(settings);
        }

        List<String> values(String key) {
            return settings.getOrDefault(key, List.of());
        }
    }

    /** The script with its {@code $APP} spelled out, as the image's paths are. */
    private static String withAppDirectory(String script) {
        return script.replace("$APP", single(Pattern.compile("(?m)^APP=(\\S+)"), script));
    }

    private static String healthFunction(String script) {
        return single(Pattern.compile("(?s)check_health\\(\\) \\{(.*?)\\n}"), script);
    }

    // --- plumbing ----------------------------------------------------------------------------------------

    private static void unknownIn(String where, Set<String> named, Set<String> known, List<String> unknown) {
        named.stream().filter(name -> !known.contains(name)).forEach(name -> unknown.add(where + ": " + name));
    }

    private static Set<String> names(String text) {
        return new TreeSet<>(all(NAMED, text, 0));
    }

    /** A long token of letters, digits and all three classes mixed, spread like random bytes. */
    private static boolean looksRandom(String token) {
        if (!token.matches(".*[0-9].*") || !token.matches(".*[a-z].*") || !token.matches(".*[A-Z].*")) {
            return false;
        }
        Map<Integer, Long> counts = token.chars().boxed().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        double entropy = counts.values().stream().mapToDouble(count -> (double) count / token.length())
                .map(p -> -p * Math.log(p) / Math.log(2)).sum();
        return entropy > 4.0;
    }

    private static List<String> all(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    private static String single(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("text matching " + pattern).isTrue();
        return matcher.group(1);
    }

    private static List<Map<String, Object>> yaml(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file)).forEach(document -> {
            if (document != null) {
                documents.add(map(document));
            }
        });
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        return value == null ? List.of() : List.copyOf((List<?>) value);
    }

    private static String string(Object value) {
        return String.valueOf(value);
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(Path directory, String suffix) {
        return list(directory).stream().filter(f -> f.toString().endsWith(suffix)).map(DeploymentFilesTest::read)
                .collect(Collectors.joining("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
