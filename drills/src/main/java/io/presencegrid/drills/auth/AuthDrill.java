package io.presencegrid.drills.auth;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import java.util.List;

/**
 * The {@code auth} drill ({@code scripts/drill.sh auth}), run from outside against one API node: forged, expired, tampered and
 * missing tokens are refused with 401, acting for another user or without the admin scope with 403,
 * over REST and WebSocket alike; a user's privacy is theirs alone to read and replace, and a viewer they
 * block sees the hidden view on every path. Positive controls show that the right token still passes and
 * an allowed viewer still sees (a drill that refused everything would otherwise pass). Prints one line
 * per wrong case, then the figures.
 */
public final class AuthDrill {

    private AuthDrill() {
    }

    /** Every case against {@code apiBase}, whose JWT secret {@code tokens} signs with. */
    public static Report run(String apiBase, PresenceTokens tokens) throws Exception {
        ApiClient http = new ApiClient(apiBase);
        ForgedTokens forged = new ForgedTokens(tokens);
        AuthUsers users = AuthUsers.fresh();
        CaseResults results = new CaseResults();
        new RestAttacks(http, tokens, forged, users, results).run();
        new SocketAttacks(http, tokens, forged, users, results).run();
        new PrivacyAttacks(http, tokens, forged, users, results).run();
        return results.report();
    }

    public static void main(String[] args) throws Exception {
        String apiBase = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        Report report = run(apiBase, PresenceTokens.fromEnvironment());
        report.failures().forEach(failure -> System.out.println("WRONG " + failure));
        System.out.println(new Figures("auth")
                .put("cases", report.cases())
                .put("refused_as_expected", report.refusedAsExpected())
                .put("allowed_as_expected", report.allowedAsExpected())
                .put("wrong", report.failures().size())
                .line(report.failures().isEmpty()));
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    /**
     * @param cases             attacks and positive controls run
     * @param refusedAsExpected attacks the API stopped with the required status (or, for reads, without a leak)
     * @param allowedAsExpected positive controls that passed
     * @param failures          one line per wrong case: its name and what the API did
     */
    public record Report(int cases, int refusedAsExpected, int allowedAsExpected, List<String> failures) {
    }
}
