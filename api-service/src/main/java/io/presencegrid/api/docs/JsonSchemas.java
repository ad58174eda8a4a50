package io.presencegrid.api.docs;

import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Schemas written by hand for the OpenAPI document, typed as OpenAPI 3.1 writes types. */
final class JsonSchemas {

    private JsonSchemas() {
    }

    /** A schema of these JSON types; 3.1 writes {@code types}, and {@code type} is kept for 3.0 readers of the model. */
    static Schema<Object> typed(String... types) {
        Schema<Object> schema = new Schema<>();
        schema.types(Set.of(types));
        return types.length == 1 ? schema.type(types[0]) : schema;
    }

    /** Properties in the order given, so the document reads the same every time. */
    @SuppressWarnings("rawtypes")
    static Map<String, Schema> properties(Object... namesAndSchemas) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], (Schema) namesAndSchemas[i + 1]);
        }
        return properties;
    }
}
