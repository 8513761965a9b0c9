/**
 * The activation table: one row per (clip, layer, pooling) with the pooled vector,
 * partitioned by {@code concept} and {@code layer}; written by executors as Parquet files that
 * Spark reads as one table, and read back a layer at a time for probe training. Extraction: the
 * dataset input, its chunks (the units of work and of resumption), the executor side and the
 * bookkeeping of an output folder.
 */
package org.musicrfm.activations;
