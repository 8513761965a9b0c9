package org.musicrfm.rfm.search;

import java.io.Serializable;

/** Hyperparameters of one RFM trial. */
public record TrialParams(double bandwidth, double reg, boolean centerGrads, double exponent) implements Serializable {}
