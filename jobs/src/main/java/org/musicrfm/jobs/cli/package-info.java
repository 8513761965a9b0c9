/** Picocli commands: each parses options into a job's config record and runs the job. */
package org.musicrfm.jobs.cli;
