package io.presencegrid.api.privacy;

import io.presencegrid.api.web.Identifiers;
import io.presencegrid.schema.UserPrivacy;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /v1/privacy/{userId}}: the whole setting, which replaces the stored one. A member
 * left out takes its default (everyone, no ids), so what was sent is what is stored.
 */
public record PrivacyRequest(
        @Schema(description = "who may see the user's presence", allowableValues = {"everyone", "allowed", "nobody"},
                defaultValue = "everyone", example = "allowed")
        @Pattern(regexp = AUDIENCE, message = AUDIENCE_RULE) String presence,
        @Schema(description = "who may see when the user was last seen", allowableValues = {"everyone", "allowed", "nobody"},
                defaultValue = "everyone", example = "nobody")
        @Pattern(regexp = AUDIENCE, message = AUDIENCE_RULE) String lastSeen,
        @ArraySchema(schema = @Schema(example = "bob"), maxItems = UserPrivacy.MAX_LIST_SIZE,
                arraySchema = @Schema(description = "who sees the parts set to allowed"))
        @Size(max = UserPrivacy.MAX_LIST_SIZE, message = "at most 1000 ids")
        List<@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String> allowed,
        @ArraySchema(schema = @Schema(example = "mallory"), maxItems = UserPrivacy.MAX_LIST_SIZE,
                arraySchema = @Schema(description = "who never sees anything of the user, whatever else is set"))
        @Size(max = UserPrivacy.MAX_LIST_SIZE, message = "at most 1000 ids")
        List<@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String> blocked) {

    static final String AUDIENCE = "everyone|allowed|nobody";
    static final String AUDIENCE_RULE = "must be one of everyone, allowed, nobody";

    UserPrivacy toPrivacy() {
        return new UserPrivacy(audience(presence), audience(lastSeen),
                allowed == null ? List.of() : allowed, blocked == null ? List.of() : blocked);
    }

    private static UserPrivacy.Audience audience(String wireName) {
        return wireName == null ? UserPrivacy.Audience.EVERYONE : UserPrivacy.Audience.fromWireName(wireName);
    }
}
