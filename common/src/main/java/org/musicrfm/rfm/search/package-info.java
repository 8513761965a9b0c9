/**
 * Seeded random hyperparameter search of RFM probes, organised in units of work
 * ({@link org.musicrfm.rfm.search.ProbeTask}) that a Spark job can fan out per layer.
 */
package org.musicrfm.rfm.search;
