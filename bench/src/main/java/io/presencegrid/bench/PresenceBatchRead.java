package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads many users' presence through {@code GET /v1/status?userIds=...}, in batches. Each batch is
 * sent as a reader of its own, because the rate limit is per user and one reader would run out of it
 * on a few dozen batches. A batch stays under the API's 500 ids and its URL well under Tomcat's 8 KB
 * request-header limit.
 */
final class PresenceBatchRead {

    private static final int MAX_IDS = 500;
    private static final int MAX_ID_CHARACTERS = 6_000;

    private final ApiClient api;
    private final PresenceTokens tokens;
    private final String readerPrefix;

    PresenceBatchRead(ApiClient api, PresenceTokens tokens, String readerPrefix) {
        this.api = api;
        this.tokens = tokens;
        this.readerPrefix = readerPrefix;
    }

    Map<String, PresenceReadings.Reading> readAll(List<String> userIds) throws Exception {
        Map<String, PresenceReadings.Reading> readings = new HashMap<>();
        int reader = 0;
        for (int from = 0; from < userIds.size(); reader++) {
            int to = batchEnd(userIds, from);
            String ids = String.join(",", userIds.subList(from, to));
            readings.putAll(PresenceReadings.parse(api.get("/v1/status?userIds=" + ids, tokens.user(readerPrefix + "-" + reader)).expect(200).body()));
            from = to;
        }
        return readings;
    }

    /** Where the batch that starts at {@code from} ends: at 500 ids or 6,000 characters of them. */
    static int batchEnd(List<String> userIds, int from) {
        int to = from;
        int characters = 0;
        while (to < userIds.size() && to - from < MAX_IDS && characters + userIds.get(to).length() + 1 <= MAX_ID_CHARACTERS) {
            characters += userIds.get(to).length() + 1;
            to++;
        }
        return Math.max(to, from + 1);
    }
}
