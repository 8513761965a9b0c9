/**
 * Evaluation of generated audio: distribution distances between embedding sets (Fréchet
 * distance, MMD), CLAP-score statistics, probe accuracy and tempo error, persisted probes that
 * classify new activations, probe traces over time, and model-free musical metrics.
 */
package org.musicrfm.eval;
