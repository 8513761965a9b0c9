/** The {@code demo} job: every stage of the pipeline, from a SynTheory subset to the sweep report, on a small default. */
package org.musicrfm.jobs.demo;
