package io.presencegrid.drills.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The security drill's tally. An attack is counted as got through when its check says what the attacker
 * got; a positive control (the right credential still works) as failed when it did not pass, so a
 * cluster that refuses everything cannot pass the drill.
 */
final class Attempts {

    /** What an attempt achieved: null when it got nothing (an attack) or worked (a control), else what happened. */
    @FunctionalInterface
    interface Check {
        String verify() throws Exception;
    }

    private final List<String> gotThrough = new ArrayList<>();
    private final List<String> failedControls = new ArrayList<>();
    private int attacks;
    private int controls;

    /** An attack: an exception is how most end, and means refused. */
    void attack(String name, Check check) {
        attacks++;
        String result;
        try {
            result = check.verify();
        } catch (Exception refused) {
            result = null;
        }
        if (result != null) {
            gotThrough.add(name + ": " + result);
        }
    }

    /** A positive control: an exception is its failure. */
    void control(String name, Check check) {
        controls++;
        String result;
        try {
            result = check.verify();
        } catch (Exception failed) {
            result = failed.toString();
        }
        if (result != null) {
            failedControls.add(name + ": " + result);
        }
    }

    int attacks() {
        return attacks;
    }

    int controls() {
        return controls;
    }

    List<String> gotThrough() {
        return gotThrough;
    }

    List<String> failedControls() {
        return failedControls;
    }
}
