package org.musicrfm.dataset;

/**
 * A label column of SynTheory's info.csv: its name, Java type ({@code String}, {@code Integer} or
 * {@code Boolean}) and whether it may be null (in the union table, where a concept lacks it).
 */
public record LabelColumn(String name, Class<?> type, boolean nullable) {

    static LabelColumn of(String name, Class<?> type) {
        return new LabelColumn(name, type, false);
    }
}
