/**
 * Model-free audio features of rendered clips (log-mel, chroma and onset-rhythm frames, pooled
 * over time, lifted to a probe-sized dimension by a fixed seeded random map): data with real
 * musical structure on which probe searches can be compared without a trained model.
 */
package org.musicrfm.features;
