package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.topology.PortPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The shape of deploy/observability: alert rules Prometheus can load, with the alerts operators of a
 * grid on many hosts need, a scrape configuration whose jobs and ports are the launchers', and a
 * dashboard Grafana can import. Whether the metrics they name exist is checked against a running grid
 * node (GridMetricsIT) and API node (MetricsIT).
 */
class ObservabilityFilesTest {

    private static final Path DIR = RepoScript.REPO_ROOT.resolve("deploy/observability");
    private static final Pattern JOB = Pattern.compile("job=\"([^\"]+)\"");

    @Test
    void everyAlertRuleIsCompleteAndTheNeededAlertsAreThere() throws IOException {
        List<Map<String, Object>> rules = rules();
        Set<String> names = new HashSet<>();
        for (Map<String, Object> rule : rules) {
            String name = (String) rule.get("alert");
            assertThat(name).as("every rule is an alert with a name").matches("Presence[A-Z][A-Za-z]+");
            assertThat(names.add(name)).as(name + " named once").isTrue();
            assertThat((String) rule.get("expr")).as(name + " expr").isNotBlank();
            assertThat(map(rule.get("labels")).get("severity")).as(name + " severity").isIn("critical", "warning");
            assertThat((String) map(rule.get("annotations")).get("summary")).as(name + " summary").isNotBlank();
            if (rule.containsKey("for")) {
                assertThat(rule.get("for").toString()).as(name + " for").matches("\\d+[smh]");
            }
        }
        assertThat(names).contains("PresenceGridNodeDown", "PresenceBaselineIncomplete", "PresencePartitionsLost",
                "PresenceCheckpointSlow", "PresenceNotifyLagHigh", "PresenceServerErrors", "PresenceRateLimitRejects");
    }

    @Test
    void theScrapeConfigurationLoadsTheRulesAndScrapesTheLaunchersPorts() throws IOException {
        Map<String, Object> prometheus = map(load("prometheus.yaml"));
        assertThat(list(prometheus.get("rule_files"))).containsExactly("alerts.yaml");
        Map<String, Map<String, Object>> jobs = new java.util.HashMap<>();
        list(prometheus.get("scrape_configs")).forEach(job -> jobs.put((String) map(job).get("job_name"), map(job)));

        assertThat(jobs).containsOnlyKeys("presence-grid-node", "presence-api");
        assertThat(jobs.get("presence-grid-node").get("metrics_path")).isEqualTo("/metrics");
        assertThat(targets(jobs.get("presence-grid-node"))).allMatch(t -> t.endsWith(":" + PortPlan.LOCAL.metricsPort(0)));
        assertThat(jobs.get("presence-api").get("metrics_path")).isEqualTo("/actuator/prometheus");

        Matcher job = JOB.matcher(Files.readString(DIR.resolve("alerts.yaml")));
        while (job.find()) {
            assertThat(jobs).as("alerts.yaml names job " + job.group(1)).containsKey(job.group(1));
        }
    }

    @Test
    void theDashboardHasAQueryInEveryPanel() throws IOException {
        Map<String, Object> dashboard = map(load("grafana-dashboard.json"));
        assertThat(dashboard.get("uid")).isEqualTo("presence-grid");
        Set<Object> ids = new HashSet<>();
        for (Object panelObject : list(dashboard.get("panels"))) {
            Map<String, Object> panel = map(panelObject);
            assertThat(ids.add(panel.get("id"))).as("panel id " + panel.get("id") + " once").isTrue();
            List<Object> targets = list(panel.get("targets"));
            assertThat(targets).as(panel.get("title") + " targets").isNotEmpty();
            targets.forEach(target -> assertThat((String) map(target).get("expr")).as(panel.get("title") + " expr").isNotBlank());
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
    }

    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(map(load("alerts.yaml")).get("groups"))) {
            list(map(group).get("rules")).forEach(rule -> rules.add(map(rule)));
        }
        return rules;
    }

    private static List<String> targets(Map<String, Object> job) {
        List<String> targets = new ArrayList<>();
        list(job.get("static_configs")).forEach(config -> list(map(config).get("targets")).forEach(t -> targets.add((String) t)));
        assertThat(targets).isNotEmpty();
        return targets;
    }

    private static Object load(String file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(DIR.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
