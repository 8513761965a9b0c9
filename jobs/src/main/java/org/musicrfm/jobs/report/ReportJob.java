package org.musicrfm.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
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
            Storage.get().write(config.outLocation().resolve(STAMP), inputs.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    /** True when {@code config.out()} holds a report of the same settings over the same completed inputs. */
    public static boolean upToDate(ReportConfig config) throws IOException {
        String inputs = inputs(config);
        Storage storage = Storage.get();
        Location stamp = config.outLocation().resolve(STAMP);
        return inputs != null && storage.isFile(config.outLocation().resolve("index.html")) && storage.isFile(stamp)
                && inputs.equals(storage.readString(stamp));
    }

    /** SHA-256 of the settings and every input's completion marker; null when an input has none. */
    private static String inputs(ReportConfig config) throws IOException {
        Storage storage = Storage.get();
        List<Location> folders = new ArrayList<>(List.of(config.sweepLocation(), config.evalLocation()));
        folders.addAll(config.trainLocations());
        if (config.classification() != null) {
            folders.add(config.classificationLocation());
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((config.outLocation() + "\u0000" + config.clipsPerCondition() + "\u0000"
                    + config.embeddingKind()).getBytes(StandardCharsets.UTF_8));
            for (Location f : folders) {
                Location marker = f.resolve(JobOutputs.MARKER);
                if (!storage.isFile(marker)) {
                    return null;
                }
                md.update((f + "\u0000").getBytes(StandardCharsets.UTF_8));
                md.update(storage.readBytes(marker));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
