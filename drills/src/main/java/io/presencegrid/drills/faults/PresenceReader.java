package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads users' presence views through the API (one batch read), as the grid holds them now. */
final class PresenceReader {

    private final ApiClient api;
    private final String token;

    PresenceReader(ApiClient api, String token) {
        this.api = api;
        this.token = token;
    }

    Map<String, JsonNode> read(List<String> userIds) throws IOException, InterruptedException {
        ApiAnswer answer = api.get("/v1/status?userIds=" + String.join(",", userIds), token);
        if (answer.status() != 200) {
            throw new IllegalStateException("reading presence: " + answer.status() + " " + answer.body());
        }
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (JsonNode view : answer.json().path("presence")) {
            views.put(view.path("userId").asText(), view);
        }
        return views;
    }
}
