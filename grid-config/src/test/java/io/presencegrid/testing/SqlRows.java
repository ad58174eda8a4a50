package io.presencegrid.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A query's whole answer as rows of column values, for assertions on SQL results. */
public final class SqlRows {

    private SqlRows() {
    }

    /** Reads every remaining row; the caller closes the result set. */
    public static List<List<Object>> of(ResultSet rows) throws SQLException {
        int width = rows.getMetaData().getColumnCount();
        List<List<Object>> result = new ArrayList<>();
        while (rows.next()) {
            List<Object> row = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
                row.add(rows.getObject(i));
            }
            result.add(row);
        }
        return result;
    }
}
