package dev.sovereign.cli.policy;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows printed as left-aligned columns two spaces apart, behind an indent, under a header or none. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean headed;

    public Table(String... header) {
        rows.add(header);
        headed = true;
    }

    private Table(int columns) {
        rows.add(new String[columns]);
        java.util.Arrays.fill(rows.get(0), "");
        headed = false;
    }

    /** A table of {@code columns} without a header, such as name–value pairs. */
    public static Table plain(int columns) {
        return new Table(columns);
    }

    public Table row(String... cells) {
        String[] row = new String[rows.get(0).length];
        for (int i = 0; i < row.length; i++) row[i] = i < cells.length && cells[i] != null ? cells[i] : "-";
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.size() == 1;
    }

    public void print(PrintWriter out, String indent) {
        int n = rows.get(0).length;
        int[] width = new int[n];
        for (String[] row : rows) for (int i = 0; i < n; i++) width[i] = Math.max(width[i], row[i].length());
        StringBuilder line = new StringBuilder();
        for (String[] row : headed ? rows : rows.subList(1, rows.size())) {
            line.setLength(0);
            line.append(indent);
            for (int i = 0; i < n; i++) {
                if (i > 0) line.append("  ");
                line.append(row[i]);
                if (i < n - 1) line.append(" ".repeat(width[i] - row[i].length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
