package io.presencegrid.api.admin;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.web.ForbiddenException;
import io.presencegrid.api.web.InvalidFieldException;
import org.springframework.stereotype.Service;

/**
 * The operators' use cases: grid statistics and the retention purge, both for callers with the
 * {@code presence:admin} scope only. The scope is checked before any input, so a caller without it
 * learns nothing about what a valid request would look like.
 */
@Service
class AdminService {

    static final int MAX_RETENTION_DAYS = 36_500;

    private final AdminStore store;

    AdminService(AdminStore store) {
        this.store = store;
    }

    StatsView stats(Caller caller) {
        requireAdmin(caller);
        return store.stats();
    }

    /** @param retentionDays the raw query parameter, {@code null} for the grid's configured retention */
    PurgeView purge(Caller caller, String retentionDays) {
        requireAdmin(caller);
        return store.purge(retentionDays == null ? null : parseRetentionDays(retentionDays));
    }

    static int parseRetentionDays(String value) {
        int days;
        try {
            days = Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new InvalidFieldException("retentionDays", "must be a whole number of days 1.." + MAX_RETENTION_DAYS
                    + ", was '" + value + "'");
        }
        if (days < 1 || days > MAX_RETENTION_DAYS) {
            throw new InvalidFieldException("retentionDays", "must be 1.." + MAX_RETENTION_DAYS + ", was " + days);
        }
        return days;
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new ForbiddenException("scope: " + caller.userId() + " needs the presence:admin scope for /v1/admin");
        }
    }
}
