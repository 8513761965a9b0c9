/**
 * The Spark jobs and the {@code musicrfm} command line. Jobs are thin: parse options into an
 * immutable config record, call library code from {@code common}, write Parquet.
 */
package org.musicrfm.jobs;
