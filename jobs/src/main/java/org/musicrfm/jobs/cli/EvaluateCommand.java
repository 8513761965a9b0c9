package org.musicrfm.jobs.cli;

import java.util.concurrent.Callable;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.evaluate.EvaluateJob;
import org.musicrfm.jobs.evaluate.EvaluateJobConfig;
import org.musicrfm.jobs.evaluate.EvaluateJobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code musicrfm evaluate}: FD, MMD, CLAP score, probe accuracy, traces and model-free metrics of generations. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure a generations table: FD/MMD per condition, CLAP scores, probe accuracy and traces,"
                + " model-free musical metrics (Parquet).")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--generations", required = true, description = "Generations table (e.g. <sweep out>/generations).")
    String generations;

    @Option(names = "--audio-root", description = "Folder relative paths resolve against (default: the table's parent).")
    String audioRoot;

    @Option(names = "--reference", description = "Reference set for FD/MMD: an audio table (Parquet with path) or a"
            + " folder of WAVs (default: the unsteered clips of the same prompts and seeds).")
    String reference;

    @Option(names = "--probes", description = "Probe folder (probes/ of train --save-probes; optionally a classify job's "
            + "*.aggregate.safetensors per concept); none: no probe metrics.")
    String probes;

    @Option(names = "--model", required = true, description = "MusicGen snapshot folder the probes were trained on.")
    String model;

    @Option(names = "--clap", required = true, description = "CLAP snapshot folder (Hugging Face layout).")
    String clap;

    @Option(names = "--out", required = true, description = "Output folder: embeddings/, clip_metrics/, metrics/,"
            + " traces/, errors/.")
    String out;

    @Option(names = "--embedding", defaultValue = "clap",
            description = "Embedding of FD/MMD: clap, encodec or musicgen_layer_<l> (default: ${DEFAULT-VALUE}).")
    String embedding;

    @Option(names = "--seconds", defaultValue = "0", description = "Clip length fed to MusicGen; 0: each clip's own"
            + " (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--trace-width", defaultValue = "25", description = "Probe-trace window, frames (default: ${DEFAULT-VALUE}).")
    int traceWidth;

    @Option(names = "--trace-hop", defaultValue = "5", description = "Probe-trace hop, frames (default: ${DEFAULT-VALUE}).")
    int traceHop;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "CLAP-score bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--confidence", defaultValue = "0.95", description = "CLAP-score interval confidence (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--seed", defaultValue = "0", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clips-per-task", defaultValue = "4", description = "Clips per Spark task (default: ${DEFAULT-VALUE}).")
    int clipsPerTask;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32, or float16 on GPU (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads per executor JVM (0: DJL default).")
    int threads;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        EvaluateJobConfig config = new EvaluateJobConfig(generations, audioRoot, reference, probes, model, clap,
                embedding, seconds, traceWidth, traceHop, resamples, confidence, seed, clipsPerTask, device, dtype,
                threads, out);
        EvaluateJobResult r = EvaluateJob.run(SparkSessions.getOrCreate("musicrfm evaluate", spark.master), config);
        System.out.println((r.skipped() ? "already complete, nothing to do: " : "evaluated ") + r.clips() + " clips ("
                + r.evaluated() + " by this run, " + r.errors() + " in errors/), " + r.conditions() + " conditions to "
                + r.output() + " (embeddings/, clip_metrics/, metrics/, traces/, errors/)");
        return 0;
    }
}
