package io.presencegrid.drills.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class HostilePrivacyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API's id rule, written out here rather than taken from the generator under test. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** Kinds whose status follows from the body alone, by the rules {@link #acceptable} spells out. */
    private static final Set<String> DECIDED_BY_BODY = Set.of("privacy-valid", "privacy-audience", "privacy-empty-object",
            "privacy-empty-body", "privacy-not-an-object", "privacy-invalid-utf8", "privacy-nested", "privacy-lists-over-1000",
            "privacy-lists-1000", "privacy-lists-duplicates", "privacy-lists-null", "privacy-lists-nested", "privacy-lists-huge",
            "privacy-lists-not-a-list", "privacy-lists-hostile-ids");

    private final FuzzUsers users = new FuzzUsers(new PresenceTokens("drills-unit-test-secret-0123456789abcdef"), "fzt-", 50);
    private final HostilePrivacy privacy = new HostilePrivacy(users);

    @Test
    void everyKindOfCaseTurnsUp() {
        Set<String> kinds = new TreeSet<>();
        for (HttpCase request : cases(5_000, null)) {
            kinds.add(request.kind());
        }

        assertThat(kinds).containsAll(DECIDED_BY_BODY).contains("privacy-hostile-id", "privacy-other", "privacy-admin",
                "privacy-lists-scalars", "privacy-wrong-types", "privacy-odd-members", "privacy-damaged", "bad-token/privacy",
                "privacy-method");
    }

    @Test
    void aBodyIsExpectedToPassExactlyWhenTheApisRulesAcceptIt() {
        int decided = 0;
        for (HttpCase request : cases(10_000, null)) {
            if (!DECIDED_BY_BODY.contains(request.kind()) || !"application/json".equals(request.contentType())
                    || request.body().length > HostileRequests.MAX_BODY) {
                continue;
            }
            decided++;
            boolean acceptable = acceptable(request.body());
            assertThat(request.expected()).as(request.describe()).isEqualTo(Set.of(acceptable ? 200 : 400));
        }

        assertThat(decided).isGreaterThan(2_500);
    }

    @Test
    void listsGoPastTheLimitAndUpToIt() {
        List<Integer> sizes = new ArrayList<>();
        for (HttpCase request : cases(5_000, null)) {
            if (request.kind().equals("privacy-lists-over-1000") || request.kind().equals("privacy-lists-1000")) {
                JsonNode setting = JSON.readTree(request.body());
                sizes.add(Math.max(setting.path("allowed").size(), setting.path("blocked").size()));
            }
        }

        assertThat(sizes).contains(1000).anyMatch(size -> size > 1000).allMatch(size -> size >= 1000);
    }

    @Test
    void aForgedOrMissingTokenIsExpectedToBeRefusedWhateverTheBody() {
        for (HttpCase request : cases(10_000, null)) {
            if (request.kind().equals("bad-token/privacy")) {
                assertThat(request.token()).as(request.describe()).isNotEqualTo(users.token(0));
                boolean oversized = request.body() != null && request.body().length > HostileRequests.MAX_BODY;
                assertThat(request.expected()).as(request.describe()).isEqualTo(Set.of(oversized ? 413 : 401));
            }
        }
    }

    @Test
    void anotherUsersSettingIsRefusedToTheCallerAndOpenToTheAdminScope() {
        for (HttpCase request : cases(10_000, null)) {
            boolean own = request.path().equals("/v1/privacy/" + users.id(0));
            boolean asJson = request.method().equals("GET") || "application/json".equals(request.contentType());
            if (request.kind().equals("privacy-other") && !own && asJson) {
                assertThat(request.token()).isEqualTo(users.token(0));
                assertThat(request.expected()).as(request.describe()).isEqualTo(Set.of(403));
            }
            if (request.kind().equals("privacy-admin") && asJson) {
                assertThat(request.token()).isEqualTo(users.admin());
                assertThat(request.expected()).as(request.describe()).isEqualTo(Set.of(200));
            }
        }
    }

    @Test
    void aClientThatTakesNoJsonMayGet406ForAnAcceptedSetting() {
        assertThat(HostilePrivacy.expected(HostilePrivacy.Verdict.VALID, null)).containsExactly(200);
        assertThat(HostilePrivacy.expected(HostilePrivacy.Verdict.VALID, "application/json")).containsExactly(200);
        assertThat(HostilePrivacy.expected(HostilePrivacy.Verdict.VALID, "image/png")).containsExactlyInAnyOrder(200, 406);
        assertThat(HostilePrivacy.expected(HostilePrivacy.Verdict.INVALID, "image/png")).containsExactly(400);
        assertThat(HostilePrivacy.expected(HostilePrivacy.Verdict.EITHER, "text/html")).containsExactlyInAnyOrder(200, 400, 406);
    }

    @Test
    void onlyAnIdThePathCarriesAsItIsCountsAsSomeoneElses() {
        assertThat(HostilePrivacy.routable("alice")).isTrue();
        assertThat(HostilePrivacy.routable("a..b")).isTrue();
        assertThat(HostilePrivacy.routable("x@y.z")).isTrue();
        assertThat(HostilePrivacy.routable(".")).as("read as the collection itself").isFalse();
        assertThat(HostilePrivacy.routable("..")).as("read as the parent").isFalse();
        assertThat(HostilePrivacy.routable("a/b")).isFalse();
        assertThat(HostilePrivacy.routable("x".repeat(65))).isFalse();
        assertThat(HostilePrivacy.routable("")).isFalse();
    }

    @Test
    void privacyIsASmallShareOfTheMixAndReplaysFromTheSeed() {
        HostileRequests requests = new HostileRequests(42, users);
        HostileRequests replay = new HostileRequests(42, users);
        int privacyCases = 0;
        int total = 2_000;
        for (long index = 0; index < total; index++) {
            HttpCase request = requests.next(index);
            if (request.path().startsWith("/v1/privacy/")) {
                privacyCases++;
                HttpCase again = replay.next(index);
                assertThat(again.describe()).isEqualTo(request.describe());
                assertThat(Arrays.equals(again.body(), request.body())).isTrue();
                assertThat(again.expected()).isEqualTo(request.expected());
            }
        }

        assertThat(privacyCases).isBetween(total * 3 / 100, total * 8 / 100);
    }

    private List<HttpCase> cases(int count, String accept) {
        List<HttpCase> cases = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            cases.add(privacy.next(index, new SplittableRandom(index), users.id(0), users.token(0), accept));
        }
        return cases;
    }

    /** PUT /v1/privacy's rules, from its description: an object of optional audiences and lists of ids. */
    private static boolean acceptable(byte[] body) {
        JsonNode setting;
        try {
            setting = JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return false;
        }
        if (setting == null || !setting.isObject()) {
            return false;
        }
        for (String audience : List.of("presence", "lastSeen")) {
            JsonNode value = setting.path(audience);
            if (!value.isMissingNode() && !value.isNull()
                    && !(value.isString() && Set.of("everyone", "allowed", "nobody").contains(value.asText()))) {
                return false;
            }
        }
        for (String list : List.of("allowed", "blocked")) {
            JsonNode ids = setting.path(list);
            if (ids.isMissingNode() || ids.isNull()) {
                continue;
            }
            if (!ids.isArray() || ids.size() > 1000) {
                return false;
            }
            for (JsonNode id : ids) {
                if (!id.isString() || !ID.matcher(id.asText()).matches()) {
                    return false;
                }
            }
        }
        return true;
    }
}
