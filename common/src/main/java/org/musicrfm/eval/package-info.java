/**
 * Evaluation of generated audio: distribution distances between embedding sets (Fréchet
 * distance, MMD), CLAP-score statistics, probe accuracy and tempo error, persisted probes that
 * classify new activations, probe traces over time, and model-free musical metrics. Probe training
 * lives here too: what changes probes ({@link org.musicrfm.eval.ProbeTraining}), the split, the units
 * of work with their identities and the per-layer trainer that runs them on executors. So does running
 * an evaluation: the generations and reference clips, the per-clip task with its stored results keyed
 * by their inputs ({@link org.musicrfm.eval.ClipResultStore}) and the tables it writes.
 */
package org.musicrfm.eval;
