/** The {@code evaluate} job: FD, MMD, CLAP score, probe accuracy, probe traces and model-free metrics of generated clips. */
package org.musicrfm.jobs.evaluate;
