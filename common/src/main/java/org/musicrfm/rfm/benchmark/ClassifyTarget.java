package org.musicrfm.rfm.benchmark;

import java.io.Serializable;

/**
 * One (concept, label) to benchmark, with the settings its units run under.
 *
 * @param regression a numeric label scored by {@code settings}' regression metric; else classes
 */
public record ClassifyTarget(String concept, String label, boolean regression, BenchmarkSettings settings)
        implements Serializable {}
