package io.presencegrid.drills.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The auth drill's tally: each case is an attack that must be refused or a positive control that
 * must pass, and either way it ends right or wrong. Thread-confined: the drill runs its cases in turn.
 */
final class CaseResults {

    /** What a case verifies: null when the API answered as required, else what it did instead. */
    @FunctionalInterface
    interface Check {
        String verify() throws Exception;
    }

    private final List<String> failures = new ArrayList<>();
    private int cases;
    private int refused;
    private int allowed;

    /** An attack: counted in refused_as_expected when the check holds. */
    void refusal(String name, Check check) {
        if (record(name, check)) {
            refused++;
        }
    }

    /** A positive control: counted in allowed_as_expected when the check holds. */
    void control(String name, Check check) {
        if (record(name, check)) {
            allowed++;
        }
    }

    private boolean record(String name, Check check) {
        cases++;
        String wrong;
        try {
            wrong = check.verify();
        } catch (Exception e) {
            wrong = "threw " + e;
        }
        if (wrong != null) {
            failures.add(name + ": " + wrong);
        }
        return wrong == null;
    }

    AuthDrill.Report report() {
        return new AuthDrill.Report(cases, refused, allowed, List.copyOf(failures));
    }
}
