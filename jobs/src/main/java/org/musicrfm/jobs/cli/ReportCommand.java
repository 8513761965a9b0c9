package org.musicrfm.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.io.Locations;
import org.musicrfm.jobs.report.ReportJob;
import org.musicrfm.report.ReportConfig;
import org.musicrfm.report.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code musicrfm report}: a static HTML report of a sweep and its evaluation. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (tables, plots, audio players) of a sweep and its evaluation.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--sweep", required = true, description = "The sweep job's output folder (generations/, WAVs).")
    String sweep;

    @Option(names = "--eval", required = true, description = "The evaluate job's output folder (metrics/, clip_metrics/, traces/).")
    String eval;

    @Option(names = "--train", description = "A train job's output folder, for layer-score charts (repeatable).")
    List<String> train = new ArrayList<>();

    @Option(names = "--out", required = true, description = "The report folder (replaced).")
    String out;

    @Option(names = "--clips", defaultValue = "3", description = "Audio players per condition (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--embedding-kind", description = "Embedding kind of the FD/MMD shown (default: clap if present, else the first).")
    String embeddingKind;

    @Option(names = "--classification", description = "A classify job's output folder: its classification/ table is shown.")
    String classification;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        ReportConfig config = new ReportConfig(asGiven(sweep), asGiven(eval), train.stream().map(ReportCommand::asGiven)
                .toList(), asGiven(out), clips, embeddingKind, asGiven(classification));
        if (ReportJob.upToDate(config)) {
            System.out.printf("report: up to date (same inputs and settings), nothing to do; open %s%n",
                    config.outLocation().resolve("index.html"));
            return 0;
        }
        SweepReport.Result r = ReportJob.run(SparkSessions.getOrCreate("musicrfm report", spark.master), config);
        System.out.printf("report: %d pages, %d plots, %d clips; open %s%n", r.pages().size() + 1, r.plots(), r.clips(),
                r.index());
        return 0;
    }

    /** A plain path as a path prints it (as when these options were paths), a URI unchanged. */
    private static String asGiven(String location) {
        return location == null || Locations.scheme(location) != null ? location : Path.of(location).toString();
    }
}
