package org.musicrfm.dataset;

import java.io.Serializable;

/**
 * A label column of a dataset table, carried into the activation table: its name, Java type
 * ({@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Float} or {@code Boolean})
 * and whether it may be null (in SynTheory's union table, where a concept lacks it; always in the
 * activation table).
 */
public record LabelColumn(String name, Class<?> type, boolean nullable) implements Serializable {

    /** A column every row has. */
    public static LabelColumn of(String name, Class<?> type) {
        return new LabelColumn(name, type, false);
    }

    /** A column that may be null. */
    public static LabelColumn optional(String name, Class<?> type) {
        return new LabelColumn(name, type, true);
    }
}
