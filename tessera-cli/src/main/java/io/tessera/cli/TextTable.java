package io.tessera.cli;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query result as aligned text columns, the header underlined and a row count below, like psql's
 * aligned format. Every column of the result is printed in its order, so a view that gains a column
 * shows it without a change here.
 */
record TextTable(List<String> header, List<List<String>> rows) {
    /** NULL prints as an empty cell, as in psql. */
    private static final String NULL_TEXT = "";

    TextTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row of " + row.size() + " cells under " + header.size() + " columns");
            }
        }
    }

    /** Reads the whole result set, every column as its text form. */
    static TextTable of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> header = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            header.add(md.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                String v = rs.getString(i);
                row.add(v == null ? NULL_TEXT : v);
            }
            rows.add(row);
        }
        return new TextTable(header, rows);
    }

    /** The lines to print: header, a rule, the rows, and "(n rows)". */
    List<String> lines() {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : all) {
            lines.add(line(row, width));
            if (lines.size() == 1) {
                lines.add("-".repeat(lines.getFirst().length()));
            }
        }
        lines.add("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        return List.copyOf(lines);
    }

    private static String line(List<String> row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", row.get(i)));
        }
        return line.toString().stripTrailing();
    }
}
