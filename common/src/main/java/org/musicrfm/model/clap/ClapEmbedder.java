package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.Resampler;
import org.musicrfm.model.InferenceThread;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.Weights;
import org.musicrfm.model.io.Checkpoint;

/**
 * CLAP audio and text embeddings for the evaluation stage: a snapshot folder ({@code config.json},
 * weights as {@code model.safetensors} or {@code pytorch_model.bin}, {@code preprocessor_config.json},
 * and {@code tokenizer.json} for text) loaded once on the device and dtype of {@link ModelOptions}.
 * Calls are batched ({@link Options#batchSize()} items per forward pass), every batch runs in its own
 * {@code NDManager} that is closed before the next, and results come back as L2-normalized float32
 * rows. Clips longer than {@code max_length_s} are cropped at a seeded random offset
 * ({@code rand_trunc}, the default) or embedded as consecutive windows whose embeddings are averaged
 * ({@link LongClips#WINDOW_MEAN}). {@link #shared} keeps one instance per JVM (one per executor).
 * Safe to call from several threads.
 */
public final class ClapEmbedder implements AutoCloseable {

    /** What to do with clips longer than the model's input ({@code max_length_s}). */
    public enum LongClips {
        /** One crop at a seeded random offset, as the feature extractor's {@code rand_trunc}. */
        RANDOM_CROP,
        /**
         * The mean of the unit embeddings of consecutive windows of {@code max_length_s} starting at
         * 0, max, 2·max, …; a trailing remainder shorter than half a window is dropped, a longer one
         * is padded as a short clip. The mean is not re-normalized.
         */
        WINDOW_MEAN
    }

    /**
     * @param batchSize items per forward pass
     * @param longClips treatment of clips longer than the model's input
     * @param seed      base seed of the crops; a clip's crop depends on it and the clip's samples only
     */
    public record Options(int batchSize, LongClips longClips, long seed) {
        public Options {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            if (longClips == null) {
                throw new IllegalArgumentException("longClips is null");
            }
        }

        public static Options defaults() {
            return new Options(8, LongClips.RANDOM_CROP, 0);
        }
    }

    private static final Map<String, ClapEmbedder> SHARED = new HashMap<>();

    private final Path folder;
    private final ModelOptions options;
    private final Options embed;
    private final NDManager manager;
    private final ClapModel model;
    private final ClapFeatureExtractor features;
    private final ClapTokenizer tokenizer; // null when the folder has no tokenizer.json

    private ClapEmbedder(Path folder, ModelOptions options, Options embed, NDManager manager, ClapModel model,
                         ClapFeatureExtractor features, ClapTokenizer tokenizer) {
        this.folder = folder;
        this.options = options;
        this.embed = embed;
        this.manager = manager;
        this.model = model;
        this.features = features;
        this.tokenizer = tokenizer;
    }

    /** Loads a snapshot with {@link Options#defaults()}. */
    public static ClapEmbedder load(Path folder, ModelOptions options) throws IOException {
        return load(folder, options, Options.defaults());
    }

    /**
     * Loads a snapshot. A missing folder or file, a config that is not CLAP, or a preprocessor
     * config this port does not support is an error naming it; nothing stays loaded after an error.
     */
    public static ClapEmbedder load(Path folder, ModelOptions options, Options embed) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "CLAP snapshot folder does not exist");
        }
        ClapFeatureConfig featureConfig = ClapFeatureConfig.read(folder);
        NDManager manager = NDManager.newBaseManager(options.device(), "PyTorch");
        ClapTokenizer tokenizer = null;
        try (Checkpoint ckpt = Checkpoint.open(folder)) {
            ClapConfig config;
            try {
                config = ClapConfig.from(ckpt.config());
            } catch (IllegalArgumentException e) {
                throw new IOException(folder.resolve("config.json") + ": " + e.getMessage(), e);
            }
            if (featureConfig.featureSize() != config.audio().numMelBins()) {
                throw new IOException(folder.resolve("preprocessor_config.json") + ": feature_size "
                        + featureConfig.featureSize() + " differs from config.json audio_config.num_mel_bins "
                        + config.audio().numMelBins());
            }
            ClapModel model = ClapModel.load(Weights.of(ckpt, manager, options.dtype()), config);
            manager.cap();
            Path tok = folder.resolve("tokenizer.json");
            if (Files.isRegularFile(tok)) {
                tokenizer = ClapTokenizer.load(tok, config.text().padTokenId(), config.text().maxTokens());
            }
            return new ClapEmbedder(folder, options, embed, manager, model, new ClapFeatureExtractor(featureConfig),
                    tokenizer);
        } catch (IOException | RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            manager.close();
            throw e;
        }
    }

    /**
     * The instance for {@code folder} on {@code options} in this JVM, loaded on first use and kept
     * for the JVM's lifetime (executors load the model once and share it between tasks).
     */
    public static ClapEmbedder shared(Path folder, ModelOptions options, Options embed) throws IOException {
        String key = folder.toAbsolutePath().normalize() + "|" + options.device() + "|" + options.dtype() + "|" + embed;
        synchronized (SHARED) {
            ClapEmbedder e = SHARED.get(key);
            if (e == null) {
                e = load(folder, options, embed);
                SHARED.put(key, e);
            }
            return e;
        }
    }

    public Path folder() {
        return folder;
    }

    public ModelOptions options() {
        return options;
    }

    public Options embedOptions() {
        return embed;
    }

    public ClapModel model() {
        return model;
    }

    public ClapFeatureExtractor featureExtractor() {
        return features;
    }

    public int projectionDim() {
        return model.config().projectionDim();
    }

    /**
     * Embeddings {@code [N][projection_dim]} of mono clips at {@code sampleRate} (resampled to the
     * model's rate). Every clip is checked before any work: an empty clip or one with a NaN or
     * infinite sample is an error naming it.
     */
    public float[][] audio(List<float[]> clips, int sampleRate) {
        long[] seeds = new long[clips.size()];
        for (int i = 0; i < seeds.length; i++) {
            float[] c = clips.get(i);
            seeds[i] = embed.seed() ^ (0x9E3779B97F4A7C15L * (Arrays.hashCode(c) + 31L * (c == null ? 0 : c.length) + 1));
        }
        return audio(clips, sampleRate, seeds);
    }

    /** As {@link #audio(List, int)} with the crop seed of each clip given (e.g. derived from a clip id). */
    public float[][] audio(List<float[]> clips, int sampleRate, long[] cropSeeds) {
        if (cropSeeds.length != clips.size()) {
            throw new IllegalArgumentException(clips.size() + " clips but " + cropSeeds.length + " crop seeds");
        }
        for (int i = 0; i < clips.size(); i++) {
            try {
                ClapFeatureExtractor.checkAudio(clips.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("clip " + i + ": " + e.getMessage(), e);
            }
        }
        int rate = features.config().samplingRate();
        Resampler resampler = sampleRate == rate ? null : new Resampler(sampleRate, rate);
        int max = features.config().maxSamples();
        List<float[]> items = new ArrayList<>();  // one log-mel input per window
        List<Integer> owners = new ArrayList<>(); // the clip of each item
        for (int i = 0; i < clips.size(); i++) {
            float[] wave = resampler == null ? clips.get(i) : resampler.apply(new Audio(clips.get(i), sampleRate, 1)).samples();
            if (wave.length == 0) {
                throw new IllegalArgumentException("clip " + i + ": no samples left after resampling to " + rate + " Hz");
            }
            if (wave.length > max && embed.longClips() == LongClips.WINDOW_MEAN) {
                for (int start = 0; start < wave.length; start += max) {
                    int len = Math.min(max, wave.length - start);
                    if (start > 0 && len < max / 2) {
                        break;
                    }
                    items.add(features.extract(Arrays.copyOfRange(wave, start, start + len), cropSeeds[i]).values());
                    owners.add(i);
                }
            } else {
                items.add(features.extract(wave, cropSeeds[i]).values());
                owners.add(i);
            }
        }
        int[] owner = owners.stream().mapToInt(Integer::intValue).toArray();
        float[][] perItem = embedFeatures(items);
        int dim = projectionDim();
        float[][] out = new float[clips.size()][dim];
        int[] counts = new int[clips.size()];
        for (int k = 0; k < perItem.length; k++) {
            counts[owner[k]]++;
            for (int d = 0; d < dim; d++) {
                out[owner[k]][d] += perItem[k][d];
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (counts[i] > 1) {
                for (int d = 0; d < dim; d++) {
                    out[i][d] /= counts[i];
                }
            }
        }
        return out;
    }

    /** Embeddings of log-mel inputs (each {@code [frames * mels]} as the feature extractor returns them), batched. */
    public float[][] embedFeatures(List<float[]> logMels) {
        int frames = features.config().frames();
        int mels = features.config().featureSize();
        int dim = projectionDim();
        float[][] out = new float[logMels.size()][];
        for (int start = 0; start < logMels.size(); start += embed.batchSize()) {
            int b = Math.min(embed.batchSize(), logMels.size() - start);
            float[] flat = new float[b * frames * mels];
            for (int i = 0; i < b; i++) {
                System.arraycopy(logMels.get(start + i), 0, flat, i * frames * mels, frames * mels);
            }
            InferenceThread.enter();
            try (NDManager scope = NDManager.newBaseManager(options.device(), "PyTorch")) {
                NDArray x = scope.create(flat, new Shape(b, 1, frames, mels)).toType(options.dtype(), false);
                float[] e = model.audioEmbeddings(x).toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < b; i++) {
                    out[start + i] = Arrays.copyOfRange(e, i * dim, (i + 1) * dim);
                }
            }
        }
        return out;
    }

    /** Text embeddings {@code [N][projection_dim]}: tokenized with the snapshot's tokenizer, batched. */
    public float[][] text(List<String> texts) {
        if (tokenizer == null) {
            throw new IllegalStateException("no tokenizer.json in " + folder + ": text embeddings need one");
        }
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += embed.batchSize()) {
            int b = Math.min(embed.batchSize(), texts.size() - start);
            ClapTokenizer.Tokens t = tokenizer.encode(texts.subList(start, start + b));
            float[][] e = textTokens(t.ids(), t.mask());
            System.arraycopy(e, 0, out, start, b);
        }
        return out;
    }

    /** Text embeddings of token ids and masks {@code [B][S]} (one forward pass). */
    public float[][] textTokens(long[][] ids, long[][] mask) {
        int b = ids.length;
        if (b == 0) {
            return new float[0][];
        }
        if (mask.length != b) {
            throw new IllegalArgumentException(b + " token rows but " + mask.length + " mask rows");
        }
        int s = ids[0].length;
        long[] flatIds = new long[b * s];
        long[] flatMask = new long[b * s];
        for (int i = 0; i < b; i++) {
            if (ids[i].length != s || mask[i].length != s) {
                throw new IllegalArgumentException("token row " + i + " has " + ids[i].length + " ids and "
                        + mask[i].length + " mask entries, row 0 has " + s);
            }
            System.arraycopy(ids[i], 0, flatIds, i * s, s);
            System.arraycopy(mask[i], 0, flatMask, i * s, s);
        }
        int dim = projectionDim();
        InferenceThread.enter();
        try (NDManager scope = NDManager.newBaseManager(options.device(), "PyTorch")) {
            NDArray e = model.textEmbeddings(scope.create(flatIds, new Shape(b, s)), scope.create(flatMask, new Shape(b, s)));
            float[] flat = e.toType(DataType.FLOAT32, false).toFloatArray();
            float[][] out = new float[b][];
            for (int i = 0; i < b; i++) {
                out[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
            return out;
        }
    }

    /** {@code logits_per_audio} {@code [Na][Nt]} of unit embeddings: {@code exp(logit_scale_a)} times the cosine. */
    public float[][] logitsPerAudio(float[][] audioEmbeds, float[][] textEmbeds) {
        float[][] out = new float[audioEmbeds.length][textEmbeds.length];
        for (int i = 0; i < audioEmbeds.length; i++) {
            for (int j = 0; j < textEmbeds.length; j++) {
                double dot = 0;
                for (int d = 0; d < audioEmbeds[i].length; d++) {
                    dot += (double) audioEmbeds[i][d] * textEmbeds[j][d];
                }
                out[i][j] = (float) (dot * model.logitScaleAudio());
            }
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (SHARED) {
            SHARED.values().remove(this);
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
        manager.close();
    }
}
