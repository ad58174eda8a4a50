package io.presencegrid.drills;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A drill's figures line, printed last: {@code drill=NAME key=value ... result=pass|FAIL}, so
 * scripts/drill.sh and docs/reliability.md can quote one line per drill.
 */
public final class Figures {

    private final String drill;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Figures(String drill) {
        this.drill = drill;
    }

    public Figures put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public String line(boolean passed) {
        StringBuilder line = new StringBuilder("drill=").append(drill);
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.append(" result=").append(passed ? "pass" : "FAIL").toString();
    }
}
