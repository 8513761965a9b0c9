package org.musicrfm.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.AtomicFiles;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.report.ReportConfig;
import org.musicrfm.report.SweepReport;

/**
 * The report job: reads the sweep's and the evaluation's tables and writes the static HTML report.
 * When every input folder carries its completion marker, the report records a digest of those
 * markers and its settings ({@value #STAMP}), and {@link #upToDate} tells a re-run there is nothing to do.
 */
public final class ReportJob {

    /** The report's record of the inputs it was built from. */
    public static final String STAMP = "_INPUTS.sha256";

    private ReportJob() {}

    public static SweepReport.Result run(SparkSession spark, ReportConfig config) throws IOException {
        String inputs = inputs(config);
        SweepReport.Result r = SweepReport.write(spark, config);
        if (inputs != null) {
            AtomicFiles.write(config.out().resolve(STAMP), inputs.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    /** True when {@code config.out()} holds a report of the same settings over the same completed inputs. */
    public static boolean upToDate(ReportConfig config) throws IOException {
        String inputs = inputs(config);
        Path stamp = config.out().resolve(STAMP);
        return inputs != null && Files.isRegularFile(config.out().resolve("index.html")) && Files.isRegularFile(stamp)
                && inputs.equals(Files.readString(stamp, StandardCharsets.UTF_8));
    }

    /** SHA-256 of the settings and every input's completion marker; null when an input has none. */
    private static String inputs(ReportConfig config) throws IOException {
        List<Path> folders = new ArrayList<>(List.of(config.sweep(), config.eval()));
        folders.addAll(config.train());
        if (config.classification() != null) {
            folders.add(config.classification());
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((config.out().toAbsolutePath().normalize() + "\u0000" + config.clipsPerCondition() + "\u0000"
                    + config.embeddingKind()).getBytes(StandardCharsets.UTF_8));
            for (Path f : folders) {
                Path marker = f.resolve(JobOutputs.MARKER);
                if (!Files.isRegularFile(marker)) {
                    return null;
                }
                md.update((f.toAbsolutePath().normalize() + "\u0000").getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(marker));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
