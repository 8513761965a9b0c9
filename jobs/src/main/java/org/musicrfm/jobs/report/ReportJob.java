package org.musicrfm.jobs.report;

import java.io.IOException;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.report.ReportConfig;
import org.musicrfm.report.SweepReport;

/** The report job: reads the sweep's and the evaluation's tables and writes the static HTML report. */
public final class ReportJob {

    private ReportJob() {}

    public static SweepReport.Result run(SparkSession spark, ReportConfig config) throws IOException {
        return SweepReport.write(spark, config);
    }
}
