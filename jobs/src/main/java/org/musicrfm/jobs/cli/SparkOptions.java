package org.musicrfm.jobs.cli;

import picocli.CommandLine.Option;

/** Options every Spark job takes. */
public final class SparkOptions {

    @Option(names = "--master", description = "Spark master (default: what spark-submit set, else local[*]).")
    String master;
}
