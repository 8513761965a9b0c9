/**
 * The layer-aggregation model (MusicRFM's classifier over all layers): each layer's mean-pooled
 * activations are projected on the top-k AGOP eigenvectors of that layer's probe, the projections
 * of all layers (or of the top-K layers by their probes' validation scores) are concatenated, and
 * an RFM with the K_{p,q} kernel is fit on them with a seeded random search (bandwidth, ridge,
 * centring, q ~ U(0.7, 1.4), p ~ U(q, 2); 300 trials by default) that keeps the trial with the best
 * validation accuracy (MSE for regression).
 *
 * <p>{@link org.musicrfm.rfm.aggregate.LayerAggregator} fits it;
 * {@link org.musicrfm.rfm.aggregate.AggregateModel} predicts from per-layer activations of new
 * clips (e.g. generated audio) through the same {@link org.musicrfm.rfm.aggregate.LayerProjection}.
 */
package org.musicrfm.rfm.aggregate;
