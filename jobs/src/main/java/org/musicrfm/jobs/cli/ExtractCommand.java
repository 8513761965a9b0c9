package org.musicrfm.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.extract.ExtractJobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code musicrfm extract}: MusicGen activations of a dataset's clips, as a Parquet table. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Run EnCodec + MusicGen on a dataset's clips and write per-layer pooled activations (Parquet).")
public final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "Dataset table (e.g. <syntheory out>/metadata).")
    String dataset;

    @Option(names = "--audio-root", description = "Folder relative audio paths resolve against (default: the table's parent).")
    String audioRoot;

    @Option(names = "--model", required = true, description = "MusicGen snapshot folder (Hugging Face layout).")
    String model;

    @Option(names = "--out", required = true, description = "Output folder: activations/, frames/, errors/.")
    String out;

    @Option(names = "--reading", defaultValue = "decoder_only",
            description = "decoder_only (MusicRFM) or empty_text (SynTheory) (default: ${DEFAULT-VALUE}).")
    String reading;

    @Option(names = "--pooling", split = ",", defaultValue = "mean",
            description = "Poolings: mean, last, max, meanstd (default: ${DEFAULT-VALUE}).")
    List<String> poolings;

    @Option(names = "--per-frame", description = "Also write the per-frame table frames/ (time-resolved probes).")
    boolean perFrame;

    @Option(names = "--layers", split = ",", description = "Blocks to keep, 0-based (default: all).")
    List<Integer> layers = List.of();

    @Option(names = "--batch-size", defaultValue = "8", description = "Clips per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--clips-per-chunk", defaultValue = "32", description = "Clips per task and output file (default: ${DEFAULT-VALUE}).")
    int clipsPerChunk;

    @Option(names = {"--clip-seconds", "--seconds"}, defaultValue = "4", description = "Clip length in seconds fed to"
            + " the model: longer audio is cut, shorter zero-padded (default: ${DEFAULT-VALUE}, SynTheory's; MusicBench"
            + " clips are 10). Recorded in the table's clip_seconds column and in model.json.")
    double seconds;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32, or float16 on GPU (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--include-silent", description = "Keep clips flagged is_silent (default: skip them).")
    boolean includeSilent;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads per task (0, the default: spark.task.cpus).")
    int threads;

    @Option(names = "--overwrite",
            description = "Clear the folder's outputs first (needed to extract another model into a folder).")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        ExtractJobConfig config = new ExtractJobConfig(dataset, audioRoot, model, reading, poolings, perFrame, layers,
                batchSize, clipsPerChunk, seconds, device, dtype, out, includeSilent, threads, -1);
        ExtractJobResult r = ExtractJob.run(SparkSessions.getOrCreate("musicrfm extract", spark.master), config, overwrite);
        System.out.println(summary(r));
        return 0;
    }

    static String summary(ExtractJobResult r) {
        return (r.skipped() ? "already complete, nothing to do: " : "extracted ") + r.clips() + " clips ("
                + r.processed() + " of " + r.chunks() + " chunks by this run, " + r.errors() + " unreadable) to "
                + r.output() + "/activations (Parquet; errors: " + r.output() + "/errors)";
    }
}
