/** The {@code sweep} job: a steering sweep's units generated on executors, WAVs plus a {@code generations/} table. */
package org.musicrfm.jobs.sweep;
