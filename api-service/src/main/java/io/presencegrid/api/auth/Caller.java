package io.presencegrid.api.auth;

import io.presencegrid.api.web.ForbiddenException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling: the JWT's {@code sub}, and whether its {@code scope} holds {@code presence:admin}.
 */
public record Caller(String userId, boolean admin) {

    public static final String ADMIN_AUTHORITY = "SCOPE_presence:admin";

    /** The user themselves, without the admin scope: whom a write's answer is for, whoever sent it. */
    public static Caller self(String userId) {
        return new Caller(userId, false);
    }

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

    /** @throws ForbiddenException naming {@code field} when this caller may not act for {@code userId} */
    public void requireMayActFor(String field, String userId) {
        if (!mayActFor(userId)) {
            throw new ForbiddenException(field + ": " + this.userId + " may not act for " + userId
                    + " without the presence:admin scope");
        }
    }
}
