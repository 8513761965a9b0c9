/** The {@code musicbench} job: MusicBench's JSON-lines files and audio as a dataset table for {@code extract}. */
package org.musicrfm.jobs.musicbench;
