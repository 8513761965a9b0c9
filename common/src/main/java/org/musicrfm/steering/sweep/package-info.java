/**
 * Steering sweeps: a JSON {@link org.musicrfm.steering.sweep.SweepSpec} (model, packs, prompts, seeds,
 * generation settings and grids of steering knobs) expanded into {@link org.musicrfm.steering.sweep.SweepUnit}s,
 * one clip each, whose ids and sampling seeds come from the unit's identity alone; the model and
 * pack checks, the batches, the executor side that generates them and the tables it leaves.
 */
package org.musicrfm.steering.sweep;
