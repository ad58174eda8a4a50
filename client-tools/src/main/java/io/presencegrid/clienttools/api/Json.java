package io.presencegrid.clienttools.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Answers and frames read as JSON trees, without throwing at text that is not JSON. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The tree of {@code text}; a missing node when it is not JSON. */
    static JsonNode orMissing(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (RuntimeException notJson) {
            return MAPPER.missingNode();
        }
    }

    /** The tree of {@code text}; a text node holding it when it is not JSON. */
    static JsonNode orText(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (RuntimeException notJson) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }
}
