package dev.sovereign.cli.audit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows as left-aligned columns, two spaces apart; the first row is the header. */
final class Columns {
    private Columns() {}

    static void print(PrintWriter out, List<String[]> rows) {
        lines(rows).forEach(out::println);
    }

    /** One line per row, in order. */
    static List<String> lines(List<String[]> rows) {
        int n = rows.get(0).length;
        int[] width = new int[n];
        for (String[] row : rows) {
            for (int i = 0; i < n; i++) width[i] = Math.max(width[i], row[i].length());
        }
        List<String> lines = new ArrayList<>(rows.size());
        StringBuilder line = new StringBuilder();
        for (String[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < n; i++) {
                if (i > 0) line.append("  ");
                line.append(row[i]);
                if (i < n - 1) line.append(" ".repeat(width[i] - row[i].length()));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
