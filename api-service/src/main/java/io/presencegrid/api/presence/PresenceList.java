package io.presencegrid.api.presence;

import java.util.List;

/** The answer of {@code GET /v1/status?userIds=...}: one view per requested id, in request order. */
public record PresenceList(List<PresenceView> presence) {
}
