package io.presencegrid.bench;

import java.util.List;

/** The run's results as the Markdown table docs/capacity.md quotes, with its notes below it. */
final class ResultTable {

    /** One measured figure, the goal it is held to (blank when it has none), and whether it met it. */
    record Row(String measure, String result, String goal, boolean met) {
    }

    private ResultTable() {
    }

    static Row row(String measure, String result, String goal, boolean met) {
        return new Row(measure, result, goal, met);
    }

    static String markdown(List<Row> rows) {
        return markdown(rows, List.of());
    }

    /** The table, then each note as a paragraph of its own. */
    static String markdown(List<Row> rows, List<String> notes) {
        StringBuilder table = new StringBuilder("| measure | result | goal | met |\n|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.measure()).append(" | ").append(row.result()).append(" | ").append(row.goal())
                    .append(" | ").append(row.goal().isEmpty() ? "" : row.met() ? "yes" : "**no**").append(" |\n");
        }
        notes.forEach(note -> table.append('\n').append(note).append('\n'));
        return table.toString();
    }
}
