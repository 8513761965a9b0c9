package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.InferenceThread;
import org.musicrfm.model.io.ConfigFile;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.Weights;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.t5.T5Tokenizer;

/**
 * What the jobs call: a MusicGen checkpoint folder loaded onto a device, with text encoding, EnCodec
 * encoding and decoding, the teacher-forced forward and activation extraction. Methods that take
 * Java arrays run in their own scope and free all device memory before returning; methods that take
 * or return NDArrays work in a scope from {@link #newScope()} that the caller closes per batch.
 * The weights' manager is capped after loading, so a forward pass that would leak into it fails.
 */
public final class MusicgenModel implements AutoCloseable {

    private final Path folder;
    private final ModelOptions options;
    private final NDManager manager;
    private final MusicgenForConditionalGeneration model;
    private final T5Tokenizer tokenizer; // null when the folder has none

    private MusicgenModel(Path folder, ModelOptions options, NDManager manager, MusicgenForConditionalGeneration model,
                          T5Tokenizer tokenizer) {
        this.folder = folder;
        this.options = options;
        this.manager = manager;
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Loads {@code folder} (config.json, weights, and {@code tokenizer.json} when present). */
    public static MusicgenModel load(Path folder, ModelOptions options) throws IOException {
        Path tok = folder.resolve("tokenizer.json");
        return load(folder, Files.isRegularFile(tok) ? tok : null, options);
    }

    /** Loads {@code folder} with the tokenizer at {@code tokenizerJson} (null: none, text only as ids). */
    public static MusicgenModel load(Path folder, Path tokenizerJson, ModelOptions options) throws IOException {
        NDManager manager = NDManager.newBaseManager(options.device(), "PyTorch");
        try (Checkpoint ckpt = Checkpoint.open(folder)) {
            ConfigFile configFile = ConfigFile.of(folder.resolve("config.json"));
            MusicgenConfig config = MusicgenConfig.from(ckpt.config(), configFile);
            MusicgenForConditionalGeneration model;
            try {
                model = MusicgenForConditionalGeneration.load(Weights.of(ckpt, manager, options.dtype()), config);
            } catch (RuntimeException e) {
                if (configFile.defaulted().isEmpty()) {
                    throw e;
                }
                throw new IllegalArgumentException(e.getMessage() + configFile.defaultsHint(), e);
            }
            manager.cap();
            T5Tokenizer tokenizer = tokenizerJson == null ? null
                    : T5Tokenizer.load(tokenizerJson, config.textEncoder().padTokenId());
            return new MusicgenModel(folder, options, manager, model, tokenizer);
        } catch (RuntimeException | IOException e) {
            manager.close();
            throw e;
        }
    }

    public Path folder() {
        return folder;
    }

    public ModelOptions options() {
        return options;
    }

    public MusicgenConfig config() {
        return model.config();
    }

    /** The underlying modules (for generation and steering code). */
    public MusicgenForConditionalGeneration model() {
        return model;
    }

    public int numLayers() {
        return model.decoder().decoder().numLayers();
    }

    /**
     * A fresh manager on the model's device for one batch; close it when the batch is done. Puts the
     * calling thread in no-grad mode ({@link InferenceThread}), so results do not depend on the thread.
     */
    public NDManager newScope() {
        InferenceThread.enter();
        return NDManager.newBaseManager(options.device(), "PyTorch");
    }

    // ---- text ----

    public T5Tokenizer.Tokens tokenize(List<String> texts) {
        if (tokenizer == null) {
            throw new IllegalStateException("no tokenizer.json in " + folder + " (load one with load(folder, tokenizer, options))");
        }
        return tokenizer.encode(texts);
    }

    /** Tokenizes and encodes prompts: projected, masked text states for the decoder. */
    public TextConditioning encodeText(NDManager scope, List<String> texts) {
        T5Tokenizer.Tokens t = tokenize(texts);
        return encodeTokens(scope, t.ids(), t.mask());
    }

    /** Encodes token ids {@code [B][S]} under their mask. */
    public TextConditioning encodeTokens(NDManager scope, long[][] ids, long[][] mask) {
        NDArray idArray = scope.create(flatten(ids), new Shape(ids.length, ids[0].length));
        NDArray maskArray = scope.create(flatten(mask), new Shape(mask.length, mask[0].length));
        return model.encodeText(idArray, maskArray);
    }

    /** The empty prompt ({@code </s>} only) for {@code batch} rows: SynTheory's conditioning. */
    public TextConditioning emptyText(NDManager scope, int batch) {
        long eos = config().textEncoder().eosTokenId();
        TextConditioning one = encodeTokens(scope, new long[][] {{eos}}, new long[][] {{1}});
        if (batch == 1) {
            return one;
        }
        return new TextConditioning(one.states().repeat(0, batch), one.mask().repeat(0, batch));
    }

    // ---- audio ----

    /** EnCodec codes of mono clips of equal length (sampling rate of the codec): {@code [B][K][frames]}. */
    public long[][][] encodeAudio(float[][] audio) {
        int n = audio[0].length;
        float[] flat = new float[audio.length * n];
        for (int b = 0; b < audio.length; b++) {
            if (audio[b].length != n) {
                throw new IllegalArgumentException("clip " + b + " has " + audio[b].length + " samples, clip 0 has " + n
                        + ": a batch needs equal lengths");
            }
            System.arraycopy(audio[b], 0, flat, b * n, n);
        }
        try (NDManager scope = newScope()) {
            NDArray codes = model.audioEncoder().encode(scope.create(flat, new Shape(audio.length, 1, n)));
            return unflatten(codes.toLongArray(), audio.length, (int) codes.getShape().get(1),
                    (int) codes.getShape().get(2));
        }
    }

    /** Audio {@code [B][frames * hop]} decoded from codes {@code [B][K][frames]}. */
    public float[][] decodeAudio(long[][][] codes) {
        try (NDManager scope = newScope()) {
            NDArray audio = model.audioEncoder().decode(codesArray(scope, codes)).toType(DataType.FLOAT32, false);
            int b = codes.length;
            float[] flat = audio.toFloatArray();
            int n = flat.length / b;
            float[][] out = new float[b][n];
            for (int i = 0; i < b; i++) {
                System.arraycopy(flat, i * n, out[i], 0, n);
            }
            return out;
        }
    }

    // ---- decoder ----

    /**
     * Teacher-forced forward: logits {@code [B * K, T, V]} for decoder ids {@code [B * K, T]}, with text
     * conditioning or, when {@code text} is null, the decoder alone.
     */
    public NDArray forward(NDArray decoderInputIds, TextConditioning text, BlockHook hook, StateObserver observer) {
        MusicgenForCausalLM lm = model.decoder();
        return text == null ? lm.forward(decoderInputIds, null, null, hook, observer, null)
                : model.forward(decoderInputIds, text, hook, observer, null);
    }

    /** Codes {@code [B][K][T]} as an int64 array in {@code scope}, checked against the decoder's vocabulary. */
    public NDArray codesArray(NDManager scope, long[][][] codes) {
        int k = codes[0].length;
        int t = codes[0][0].length;
        long[] flat = new long[codes.length * k * t];
        int i = 0;
        long max = config().decoder().vocabSize();
        for (int b = 0; b < codes.length; b++) {
            if (codes[b].length != k) {
                throw new IllegalArgumentException("clip " + b + " has " + codes[b].length + " codebooks, clip 0 has " + k);
            }
            for (int c = 0; c < k; c++) {
                if (codes[b][c].length != t) {
                    throw new IllegalArgumentException("clip " + b + " codebook " + c + " has " + codes[b][c].length
                            + " frames, expected " + t);
                }
                for (long v : codes[b][c]) {
                    if (v < 0 || v > max) {
                        throw new IllegalArgumentException("code " + v + " (clip " + b + ", codebook " + c
                                + ") outside 0.." + max);
                    }
                    flat[i++] = v;
                }
            }
        }
        return scope.create(flat, new Shape(codes.length, k, t));
    }

    // ---- activations ----

    /** Every layer (the project's convention: block outputs 0..L-1) under {@code poolings}. */
    public Activations extract(long[][][] codes, Reading reading, Set<Pooling> poolings) {
        int[] layers = new int[numLayers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = l;
        }
        return extract(codes, reading, poolings, layers);
    }

    /** Selected layers (block outputs, 0-based) of raw EnCodec codes {@code [B][K][T]}. */
    public Activations extract(long[][][] codes, Reading reading, Set<Pooling> poolings, int[] layers) {
        int[] states = new int[layers.length];
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] < 0 || layers[i] >= numLayers()) {
                throw new IllegalArgumentException("layer " + layers[i] + " outside 0.." + (numLayers() - 1));
            }
            states[i] = StateObserver.blockIndex(layers[i]);
        }
        return extractStates(codes, reading, poolings, states, null);
    }

    /**
     * The general reading: states in {@link StateObserver}'s index space (0 embeddings, l + 1 block l,
     * L + 1 final norm), optionally with a hook on the block outputs.
     */
    public Activations extractStates(long[][][] codes, Reading reading, Set<Pooling> poolings, int[] states,
                                     BlockHook hook) {
        ActivationPooler pooler = new ActivationPooler(states, poolings);
        try (NDManager scope = newScope()) {
            NDArray ids = codesArray(scope, codes);
            TextConditioning text = reading == Reading.EMPTY_TEXT ? emptyText(scope, codes.length) : null;
            NDArray last = model.decoder().decoder().forward(ids, text == null ? null : text.states(),
                    text == null ? null : text.mask(), hook, pooler, null);
            last.close();
        }
        return pooler.result();
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        manager.close();
    }

    static long[] flatten(long[][] a) {
        int n = a[0].length;
        long[] out = new long[a.length * n];
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " entries, row 0 has " + n);
            }
            System.arraycopy(a[i], 0, out, i * n, n);
        }
        return out;
    }

    static long[][][] unflatten(long[] flat, int b, int k, int t) {
        long[][][] out = new long[b][k][t];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(flat, (i * k + c) * t, out[i][c], 0, t);
            }
        }
        return out;
    }
}
