package io.presencegrid.drills.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of a table sqlline printed ({@code | a | b |} lines), header first. */
final class SqlRows {

    private SqlRows() {
    }

    static List<List<String>> parse(String sqllineOutput) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : sqllineOutput.split("\n")) {
            if (line.startsWith("|") && line.endsWith("|")) {
                rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1)).map(String::trim).toList());
            }
        }
        return rows;
    }
}
