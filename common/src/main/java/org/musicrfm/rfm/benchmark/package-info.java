/**
 * The classification benchmark (the comparison of the paper's Table 1): for one concept, on one
 * seeded split and with one search budget per method, the layer-aggregation model, the multiclass
 * RFM on mean-pooled and on last-token activations, a linear probe and SynTheory's FFN probe, scored
 * per layer and at the layer that is best on validation.
 *
 * <p>{@link org.musicrfm.rfm.benchmark.ConceptTable} reads a concept's pooled activations,
 * {@link org.musicrfm.rfm.benchmark.BenchmarkData} splits them,
 * {@link org.musicrfm.rfm.benchmark.ClassifyBenchmark} runs one method and
 * {@link org.musicrfm.rfm.benchmark.FfnProbe} trains the FFN with DJL's training API.
 */
package org.musicrfm.rfm.benchmark;
