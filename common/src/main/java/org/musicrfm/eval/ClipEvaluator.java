package org.musicrfm.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.ModelInput;
import org.musicrfm.audio.TempoEstimator;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.PitchClass;
import org.musicrfm.model.musicgen.Activations;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.Pooling;
import org.musicrfm.model.musicgen.Reading;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.steering.ClassLabels;

/**
 * Measures one clip: its CLAP audio embedding and CLAP score, the embedding FD and MMD compare,
 * the concept probe's reading of it (the audio as the probe's training clips were read: mono,
 * 32 kHz, peak-normalised → EnCodec codes → MusicGen with the probe's reading → the probe's layer
 * pooled as in training), the concept's layer-aggregation model's reading where the probe set has
 * one (its layers from one forward pass), the probe trace over sliding windows of frames, and the model-free
 * musical metrics. A missing, unreadable or silent WAV is a failed result naming the file.
 */
public final class ClipEvaluator {

    /** Relative tolerance of a model-free tempo estimate counted as correct (MIREX Acc1). */
    public static final double TEMPO_TOLERANCE = TempoError.DEFAULT_TOLERANCE;

    private ClipEvaluator() {}

    public static ClipResult evaluate(EvalClip clip, ClipModels.Loaded models, ProbeSet probes, EvalSettings s) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Audio audio;
        try {
            audio = WavFiles.read(org.musicrfm.io.Location.parse(clip.path(), "path")).toMono();
        } catch (IOException | RuntimeException e) {
            return ClipResult.failed(clip, "read", "cannot read " + clip.path() + ": " + e.getMessage());
        }
        if (audio.peak() <= s.silencePeak()) {
            return ClipResult.failed(clip, "read", "silent clip " + clip.path() + ": peak " + audio.peak()
                    + " <= " + s.silencePeak());
        }
        float[] input = ModelInput.prepare(audio, Double.isNaN(s.seconds()) ? audio.seconds() : s.seconds());
        long t1 = lap(timings, "read", t0);
        String stage = "clap";
        try {
            Map<String, float[]> embeddings = new LinkedHashMap<>();
            float[] clapAudio = models.clap().audio(List.of(input), ModelInput.MUSICGEN_RATE,
                    new long[] {clip.unitId().hashCode()})[0];
            embeddings.put(EmbeddingKind.CLAP.label(), clapAudio);
            Double clapScore = null;
            if (!clip.reference() && clip.prompt() != null) {
                float[] text = models.clap().text(List.of(clip.prompt()))[0];
                clapScore = ClapScore.perClip(new double[][] {toDoubles(clapAudio)}, new double[][] {toDoubles(text)})[0];
            }
            long t2 = lap(timings, "clap", t1);
            stage = "musicgen";
            MusicgenModel mg = models.musicgen();
            long[][][] codes = mg.encodeAudio(new float[][] {input});
            if (s.embedding().equals(EmbeddingKind.ENCODEC)) {
                embeddings.put(EmbeddingKind.ENCODEC.label(), encodecLatentMean(mg, input));
            } else if (s.embedding().isMusicgenLayer()) {
                Activations a = mg.extract(codes, Reading.DECODER_ONLY, EnumSet.of(Pooling.MEAN),
                        new int[] {s.embedding().layer()});
                embeddings.put(s.embedding().label(), a.get(Pooling.MEAN, 0, 0));
            }
            ProbeReading probe = null;
            String file = clip.reference() || clip.target() == null ? null : probes.fileFor(clip.concept());
            String aggFile = clip.reference() || clip.target() == null ? null : probes.aggregateFor(clip.concept());
            stage = "probe";
            Probe single = file == null ? null : ClipModels.probe(file);
            AggregateProbe agg = aggFile == null ? null : ClipModels.aggregate(aggFile);
            Activations both = single != null && agg != null ? extractBoth(single, agg, mg, codes) : null;
            if (single != null) {
                probe = readProbe(single, clip, models, codes, s, both);
            }
            AggregateReading aggregate = null;
            if (agg != null) {
                stage = "aggregate";
                aggregate = readAggregate(agg, clip, models, codes, both);
            }
            long t3 = lap(timings, "musicgen", t2);
            stage = "metrics";
            ModelFree mf = clip.reference() ? null : modelFree(audio, clip);
            lap(timings, "metrics", t3);
            return new ClipResult(clip.unitId(), clip.condition(), clip.concept(), clip.target(), clip.eta(),
                    clip.reference(), embeddings, clapScore,
                    probe == null ? null : probe.prediction, probe == null ? null : probe.targetProbability,
                    probe == null ? null : probe.correct, probe == null ? null : probe.tempoError,
                    mf == null ? null : mf.pcShare, mf == null ? null : mf.pcRank, mf == null ? null : mf.key,
                    mf == null ? null : mf.chord, mf == null ? null : mf.tempo, mf == null ? null : mf.correct,
                    probe == null ? List.of() : probe.trace, timings, null, null,
                    aggregate == null ? null : aggregate.prediction, aggregate == null ? null : aggregate.targetProbability,
                    aggregate == null ? null : aggregate.correct);
        } catch (IOException | RuntimeException e) {
            return ClipResult.failed(clip, stage, clip.path() + ": " + e.getMessage());
        }
    }

    private record AggregateReading(String prediction, double targetProbability, boolean correct) {}

    /** The aggregate's reading: every selected layer from one forward pass, pooled as in training. */
    private static AggregateReading readAggregate(AggregateProbe a, EvalClip clip, ClipModels.Loaded models,
                                                  long[][][] codes, Activations both) {
        ProbeProvenance prov = a.provenance();
        a.requireCompatible(models.source().compatibilityKey(), models.source().fingerprint(), prov.reading(),
                prov.pooling());
        Map<Integer, Mat> x = both == null ? aggregateInputs(a, models.musicgen(), codes)
                : aggregateInputs(a, both);
        List<String> names = a.classes().stream().map(c -> ClassLabels.display(prov.label(), c)).toList();
        int t = names.indexOf(ClassLabels.find(names, clip.target()));
        if (t < 0) {
            throw new IllegalArgumentException("target '" + clip.target() + "' is not a class of aggregate model "
                    + a.file() + " " + names);
        }
        double[] probs = a.probabilities(x)[0];
        int predicted = a.predict(x)[0];
        return new AggregateReading(names.get(predicted), probs[t], predicted == t);
    }

    /** Each layer the aggregate selects, pooled as it was fit, for one clip's codes (one forward pass). */
    public static Map<Integer, Mat> aggregateInputs(AggregateProbe a, MusicgenModel mg, long[][][] codes) {
        ProbeProvenance prov = a.provenance();
        Reading reading = Reading.valueOf(prov.reading().toUpperCase(Locale.ROOT));
        Pooling pooling = Pooling.valueOf(prov.pooling().toUpperCase(Locale.ROOT));
        int[] layers = a.layers().stream().mapToInt(Integer::intValue).toArray();
        return aggregateInputs(a, mg.extract(codes, reading, EnumSet.of(pooling), layers));
    }

    private static Map<Integer, Mat> aggregateInputs(AggregateProbe a, Activations acts) {
        Pooling pooling = Pooling.valueOf(a.provenance().pooling().toUpperCase(Locale.ROOT));
        Map<Integer, Mat> x = new LinkedHashMap<>();
        for (int layer : a.layers()) {
            x.put(layer, Mat.fromRows(new float[][] {acts.get(pooling, indexOf(acts, layer), 0)}, Precision.FLOAT64));
        }
        return x;
    }

    /**
     * The probe's layer (its pooling and the frame sequence for the trace) and the aggregate's
     * layers in one forward pass, or null when they were read differently (then each reads its own).
     */
    private static Activations extractBoth(Probe p, AggregateProbe a, MusicgenModel mg, long[][][] codes) {
        if (!p.provenance().reading().equals(a.provenance().reading())) {
            return null;
        }
        Reading reading = Reading.valueOf(p.provenance().reading().toUpperCase(Locale.ROOT));
        java.util.TreeSet<Integer> layers = new java.util.TreeSet<>(a.layers());
        layers.add(p.layer());
        EnumSet<Pooling> poolings = EnumSet.of(Pooling.valueOf(p.provenance().pooling().toUpperCase(Locale.ROOT)),
                Pooling.SEQUENCE, Pooling.valueOf(a.provenance().pooling().toUpperCase(Locale.ROOT)));
        return mg.extract(codes, reading, poolings, layers.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int indexOf(Activations acts, int layer) {
        for (int i = 0; i < acts.layers().length; i++) {
            if (acts.layers()[i] == layer) {
                return i;
            }
        }
        throw new IllegalStateException("layer " + layer + " was not read");
    }

    private record ProbeReading(String prediction, Double targetProbability, Boolean correct, Double tempoError,
                                List<ClipResult.TracePoint> trace) {}

    private static ProbeReading readProbe(Probe p, EvalClip clip, ClipModels.Loaded models, long[][][] codes,
                                          EvalSettings s, Activations both) {
        ProbeProvenance prov = p.provenance();
        Reading reading = Reading.valueOf(prov.reading().toUpperCase(Locale.ROOT));
        Pooling pooling = Pooling.valueOf(prov.pooling().toUpperCase(Locale.ROOT));
        Activations a = both != null ? both : models.musicgen().extract(codes, reading,
                EnumSet.of(pooling, Pooling.SEQUENCE), new int[] {p.layer()});
        int i = indexOf(a, p.layer());
        ActivationSource source = new ActivationSource(models.source().compatibilityKey(),
                models.source().fingerprint(), prov.reading(), prov.pooling(), p.layer());
        Mat x = Mat.fromRows(new float[][] {a.get(pooling, i, 0)}, Precision.FLOAT64);
        float[] flat = a.get(Pooling.SEQUENCE, i, 0);
        float[][] frames = new float[a.frames()][];
        for (int f = 0; f < frames.length; f++) {
            frames[f] = java.util.Arrays.copyOfRange(flat, f * a.hidden(), (f + 1) * a.hidden());
        }
        double frameRate = MusicgenGenerator.frameRate(models.musicgen().config());
        List<ClipResult.TracePoint> trace = new ArrayList<>();
        ProbeTrace.Trace tr = frames.length < s.traceWidth() ? null
                : ProbeTrace.of(p, source, frames, s.traceWidth(), s.traceHop(), frameRate, ProbabilityMode.SOFTMAX);
        if (p.kind() == ProbeKind.REGRESSION) {
            double bpm = p.regress(source, x)[0];
            double target = Double.parseDouble(clip.target());
            if (tr != null) {
                for (int k = 0; k < tr.seconds().length; k++) {
                    trace.add(new ClipResult.TracePoint(p.layer(), tr.startFrame()[k], tr.seconds()[k], "bpm",
                            tr.values()[k]));
                }
            }
            return new ProbeReading(String.format(Locale.ROOT, "%.2f", bpm), null,
                    TempoError.within(bpm, target, TEMPO_TOLERANCE), Math.abs(bpm - target), trace);
        }
        List<String> names = classNames(p);
        int t = names.indexOf(ClassLabels.find(names, clip.target()));
        if (t < 0) {
            throw new IllegalArgumentException("target '" + clip.target() + "' is not a class of probe " + prov.concept()
                    + " " + names);
        }
        double[] probs = p.probabilities(source, x)[0];
        int predicted = p.predict(source, x)[0];
        if (tr != null) {
            for (int k = 0; k < tr.seconds().length; k++) {
                for (int c = 0; c < p.classes().size(); c++) {
                    trace.add(new ClipResult.TracePoint(p.layer(), tr.startFrame()[k], tr.seconds()[k],
                            names.get(c), tr.probabilities()[k][c]));
                }
            }
        }
        return new ProbeReading(names.get(predicted), probs[t], predicted == t, null, trace);
    }

    /** A probe's classes by the names steering packs use (pitch classes as C, C#, …; others as stored). */
    public static List<String> classNames(Probe p) {
        return p.classes().stream().map(c -> ClassLabels.display(p.provenance().label(), c)).toList();
    }

    private record ModelFree(Double pcShare, Integer pcRank, String key, String chord, double tempo, Boolean correct) {}

    private static ModelFree modelFree(Audio audio, EvalClip clip) {
        PitchClassDistribution pcd = PitchClassDistribution.of(audio);
        String key = KeyEstimator.estimate(pcd, KeyEstimator.Profile.KRUMHANSL).name();
        ChordQualityMatch.Match chord = ChordQualityMatch.of(pcd);
        double tempo = TempoEstimator.bpm(audio);
        Double share = null;
        Integer rank = null;
        Boolean correct = null;
        String target = clip.target();
        if (target != null && Concept.NOTES.id().equals(clip.concept())) {
            int pc = pitchClass(target);
            if (pc >= 0) {
                share = pcd.share(pc);
                rank = pcd.rank(pc);
                correct = pcd.top() == pc;
            }
        } else if (target != null && Concept.CHORDS.id().equals(clip.concept())) {
            correct = ChordQualityMatch.Quality.parse(target) == chord.quality();
        } else if (target != null && Concept.TEMPOS.id().equals(clip.concept())) {
            correct = TempoError.within(tempo, Double.parseDouble(target), TEMPO_TOLERANCE);
        }
        return new ModelFree(share, rank, key, chord.quality().label(), tempo, correct);
    }

    /** The pitch class of a sharp-spelled name ("C", "C#", …), −1 if it is none. */
    static int pitchClass(String name) {
        for (int pc = 0; pc < 12; pc++) {
            if (PitchClass.sharpName(pc).equals(name)) {
                return pc;
            }
        }
        return -1;
    }

    /** EnCodec's encoder output (before quantisation) averaged over time. */
    static float[] encodecLatentMean(MusicgenModel mg, float[] input) {
        try (NDManager scope = mg.newScope()) {
            NDArray z = mg.model().audioEncoder().embed(scope.create(input, new Shape(1, 1, input.length)));
            return z.mean(new int[] {2}).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        }
    }

    static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static long lap(Map<String, Double> timings, String stage, long since) {
        long now = System.nanoTime();
        timings.put(stage, (now - since) / 1e9);
        return now;
    }
}
