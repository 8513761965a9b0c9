package org.musicrfm.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** HTML text helpers: escaping, number formatting, and links from a number to the table row it came from. */
final class Html {

    private Html() {}

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : o.toString().toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number as the report prints it: three decimals, or an en dash when absent. */
    static String num(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * A relative URL from the report folder to a file or folder on the same file system (as {@link
     * #relative(Path, Path)} on their paths), or the target's URI when they are on different ones.
     */
    static String relative(org.musicrfm.io.Location reportDir, org.musicrfm.io.Location target) {
        if (reportDir.isLocal() && target.isLocal()) {
            return relative(reportDir.localPath(), target.localPath());
        }
        java.net.URI a = reportDir.uri();
        java.net.URI b = target.uri();
        if (!java.util.Objects.equals(a.getScheme(), b.getScheme())
                || !java.util.Objects.equals(a.getAuthority(), b.getAuthority())) {
            return b.toString();
        }
        return relative(Path.of(a.getPath()), Path.of(b.getPath()));
    }

    /** A relative URL from the report folder to a file or folder (slashes, percent-escaped segments). */
    static String relative(Path reportDir, Path target) {
        Path rel = reportDir.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
        StringBuilder b = new StringBuilder();
        for (Path part : rel) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(URLEncoder.encode(part.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    /**
     * A number linked to its table: the link goes to the table folder, the row's key rides in the
     * fragment and in {@code data-key}, and the tooltip names table, key and column.
     */
    static String cell(Double v, String tableHref, String table, String key, String column) {
        String fragment = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        return "<a class=\"src\" href=\"" + esc(tableHref) + "/#" + esc(fragment) + "\" data-table=\"" + esc(table)
                + "\" data-key=\"" + esc(key) + "\" data-column=\"" + esc(column) + "\" title=\"" + esc(table + " "
                + key + " · " + column) + "\">" + num(v) + "</a>";
    }
}
