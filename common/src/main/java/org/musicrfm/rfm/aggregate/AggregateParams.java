package org.musicrfm.rfm.aggregate;

import java.io.Serializable;

/**
 * Hyperparameters of one aggregator trial: the K_{p,q} kernel's bandwidth L, exponent q and norm
 * p (q ≤ p ≤ 2), the ridge and whether gradients are centred before the AGOP.
 */
public record AggregateParams(double bandwidth, double reg, boolean centerGrads, double q, double p)
        implements Serializable {}
