package io.presencegrid.drills.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class PrivacyViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HIDDEN = """
            {"userId":"owner","status":"offline","message":null,"devices":[],"lastSeenAt":null,"updatedAt":null,"version":0}""";
    private static final String REAL = """
            {"userId":"owner","status":"busy","message":"in a call","devices":[{"device":"phone","status":"busy"}],
             "lastSeenAt":null,"updatedAt":"2026-11-28T10:15:00Z","version":3}""";

    @Test
    void theHiddenViewPasses() {
        assertThat(PrivacyViews.hidden(json(HIDDEN), "owner")).isNull();
    }

    @Test
    void anythingThatMovesWithThePresenceFailsTheHiddenViewAndIsNamed() {
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("\"message\":null", "\"message\":\"in a call\"")), "owner")).contains("message");
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("\"status\":\"offline\"", "\"status\":\"busy\"")), "owner")).contains("status");
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("[]", "[{\"device\":\"phone\"}]")), "owner")).contains("devices");
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("\"lastSeenAt\":null", "\"lastSeenAt\":\"2026-11-28T10:15:00Z\"")), "owner"))
                .contains("lastSeenAt");
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("\"updatedAt\":null", "\"updatedAt\":\"2026-11-28T10:15:00Z\"")), "owner"))
                .contains("updatedAt");
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("\"version\":0", "\"version\":3")), "owner")).contains("version");
        assertThat(PrivacyViews.hidden(json(HIDDEN), "someone-else")).contains("userId");
        assertThat(PrivacyViews.hidden(json(REAL), "owner")).contains("status", "message", "devices", "updatedAt", "version");
    }

    @Test
    void aMemberMoreOrLessIsNotTheHiddenView() {
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("}", ",\"previous\":\"busy\"}")), "owner")).contains("members");
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("\"message\":null,", "")), "owner")).contains("members");
        assertThat(PrivacyViews.hidden(json(HIDDEN.replace("\"version\":0", "\"version\":\"0\"")), "owner")).contains("version");
        assertThat(PrivacyViews.hidden(JSON.missingNode(), "owner")).isNotNull();
    }

    @Test
    void aListHidesTheUserOnlyIfEveryRepeatAndCaseVariantIsHidden() {
        String variant = HIDDEN.replace("\"owner\"", "\"OWNER\"");
        String other = REAL.replace("\"owner\"", "\"friend\"");

        assertThat(PrivacyViews.hiddenAmong(json("[" + other + "," + HIDDEN + "," + variant + "]"), "owner")).isNull();
        assertThat(PrivacyViews.hiddenAmong(json("[" + HIDDEN + "," + REAL.replace("\"owner\"", "\"Owner\"") + "]"), "owner"))
                .contains("Owner");
        assertThat(PrivacyViews.hiddenAmong(json("[" + HIDDEN + "," + REAL + "]"), "owner")).contains("not the hidden view");
        assertThat(PrivacyViews.hiddenAmong(json("[" + variant + "," + other + "]"), "owner")).startsWith("no view of owner");
        assertThat(PrivacyViews.hiddenAmong(JSON.missingNode(), "owner")).isNotNull();
    }

    @Test
    void anAllowedViewerSeesStatusMessageDevicesAndVersion() {
        assertThat(PrivacyViews.shown(json(REAL), "owner", "busy", "in a call")).isNull();
        assertThat(PrivacyViews.shown(json(REAL), "owner", "away", "in a call")).isNotNull();
        assertThat(PrivacyViews.shown(json(HIDDEN), "owner", "offline", "")).as("the hidden view shows nothing").isNotNull();
        assertThat(PrivacyViews.shown(PrivacyViews.viewOf(json("[" + HIDDEN.replace("\"owner\"", "\"x\"") + "]"), "owner"),
                "owner", "busy", "in a call")).isNotNull();
    }

    @Test
    void aSecretAnywhereInAnAnswerIsALeak() {
        assertThat(PrivacyViews.leak(REAL, "in a call")).startsWith("LEAK");
        assertThat(PrivacyViews.leak(HIDDEN, "in a call", "other secret")).isNull();
        assertThat(PrivacyViews.leak(null, "in a call")).isNull();
    }

    @Test
    void aSettingMatchesOnlyWithEveryMemberAndListsInTheirOrder() {
        JsonNode stored = json("""
                {"userId":"owner","presence":"allowed","lastSeen":"nobody","allowed":["amy","zed"],"blocked":["bob"]}""");

        assertThat(PrivacyViews.setting(stored, "owner", "allowed", "nobody", List.of("amy", "zed"), List.of("bob"))).isNull();
        assertThat(PrivacyViews.setting(stored, "owner", "allowed", "nobody", List.of("zed", "amy"), List.of("bob"))).isNotNull();
        assertThat(PrivacyViews.setting(stored, "owner", "allowed", "everyone", List.of("amy", "zed"), List.of("bob"))).isNotNull();
        assertThat(PrivacyViews.setting(stored, "owner", "allowed", "nobody", List.of("amy", "zed"), List.of())).isNotNull();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
