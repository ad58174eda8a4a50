package io.presencegrid.api.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling: the JWT's {@code sub}, and whether its {@code scope} holds {@code presence:admin}.
 */
public record Caller(String userId, boolean admin) {

    public static final String ADMIN_AUTHORITY = "SCOPE_presence:admin";

    public static Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(ADMIN_AUTHORITY::equals);
        return new Caller(authentication.getName(), admin);
    }

    /** Acting for {@code userId} (writing, deleting): oneself, or anyone with the admin scope. */
    public boolean mayActFor(String userId) {
        return admin || this.userId.equals(userId);
    }
}
