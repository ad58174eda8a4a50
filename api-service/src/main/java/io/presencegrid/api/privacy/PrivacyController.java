package io.presencegrid.api.privacy;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.web.Identifiers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/privacy/{userId}}: who may see a user's presence and last seen. */
@RestController
@RequestMapping("/v1/privacy")
@Tag(name = "privacy")
@SecurityRequirement(name = "bearer")
class PrivacyController {

    private final PrivacyService privacy;

    PrivacyController(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @GetMapping("/{userId}")
    @Operation(operationId = "getPrivacy", summary = "A user's privacy (the user or the admin scope); everyone and no lists until set")
    @ApiResponse(responseCode = "200", description = "the privacy as stored")
    @ApiResponse(responseCode = "403", description = "userId is another user and the token lacks the presence:admin scope")
    PrivacyView get(Authentication caller, @PathVariable String userId) {
        return privacy.get(Caller.of(caller), Identifiers.require("userId", userId));
    }

    @PutMapping("/{userId}")
    @Operation(operationId = "replacePrivacy", summary = "Replace a user's privacy (the user or the admin scope)",
            description = "Applies from the user's next event on, on every API node: a viewer who loses access gets one"
                    + " last event with reason privacy and then nothing; one who gains it gets the real view with reason"
                    + " privacy. Members left out take their defaults.")
    @ApiResponse(responseCode = "200", description = "the privacy as stored: lists sorted, each id once")
    @ApiResponse(responseCode = "403", description = "userId is another user and the token lacks the presence:admin scope")
    PrivacyView replace(Authentication caller, @PathVariable String userId, @Valid @RequestBody PrivacyRequest request) {
        return privacy.replace(Caller.of(caller), Identifiers.require("userId", userId), request);
    }
}
