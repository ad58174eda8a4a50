package io.presencegrid.api.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The grid as the API's client node sees it: cluster state, node counts, every node by join order. */
@JsonPropertyOrder({"state", "servers", "clients", "nodes"})
public record GridView(
        @Schema(example = "ACTIVE", allowableValues = {"ACTIVE", "ACTIVE_READ_ONLY", "INACTIVE"}) String state,
        @Schema(example = "3") int servers,
        @Schema(example = "1") int clients,
        List<Node> nodes) {

    /** One node of the topology. */
    @JsonPropertyOrder({"id", "consistentId", "order", "addresses", "client"})
    public record Node(
            @Schema(example = "0f6e3c1a-5d2b-4c8e-9a41-2b7d8e6f1c03") String id,
            @Schema(example = "presence-node-0") String consistentId,
            @Schema(description = "topology order: the order nodes joined in", example = "1") long order,
            @Schema(example = "[\"127.0.0.1\"]") List<String> addresses,
            @Schema(example = "false") boolean client) {
    }
}
