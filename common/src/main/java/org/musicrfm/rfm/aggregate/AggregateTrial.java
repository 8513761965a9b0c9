package org.musicrfm.rfm.aggregate;

import java.io.Serializable;
import org.musicrfm.rfm.probe.ProbeScores;

/** One trial of the aggregator's search: its seed, parameters, best iteration and validation scores. */
public record AggregateTrial(int trial, long seed, AggregateParams params, int bestIter, ProbeScores val,
                             double seconds) implements Serializable {}
