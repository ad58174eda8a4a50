package io.presencegrid.api.presence;

import io.presencegrid.api.web.Identifiers;
import io.presencegrid.api.web.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A device's metadata ("in a call", an app version): a flat JSON object of at most 16 keys, each an
 * identifier, with string, number or boolean values, at most 1 KiB as written. Stored and compared as
 * canonical JSON (keys sorted, no spaces), so sending the same object again changes nothing and is no
 * event. The same rules for the REST update and the socket's status frame.
 */
public final class DeviceMeta {

    public static final int MAX_KEYS = 16;
    public static final int MAX_BYTES = 1024;
    static final String RULE = "must be a JSON object of at most " + MAX_KEYS + " keys (" + Identifiers.PATTERN
            + ") with string, number or boolean values, at most " + MAX_BYTES + " bytes";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceMeta() {
    }

    /**
     * @return the canonical JSON; {@code null} when {@code meta} is absent (the device keeps what it has),
     *         empty for {@code {}} (the device's metadata is cleared)
     * @throws InvalidFieldException naming {@code meta} when the object breaks the rules
     */
    public static String canonical(JsonNode meta) {
        if (meta == null || meta.isMissingNode() || meta.isNull()) {
            return null;
        }
        if (!meta.isObject() || meta.size() > MAX_KEYS) {
            throw new InvalidFieldException("meta", RULE);
        }
        if (meta.isEmpty()) {
            return "";
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : meta.properties()) {
            JsonNode value = entry.getValue();
            if (!Identifiers.isValid(entry.getKey()) || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw new InvalidFieldException("meta", RULE);
            }
            sorted.put(entry.getKey(), value);
        }
        String canonical = JSON.writeValueAsString(sorted);
        if (canonical.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidFieldException("meta", RULE);
        }
        return canonical;
    }
}
