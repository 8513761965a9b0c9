package org.musicrfm.model.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.musicrfm.io.AtomicFiles;
import org.musicrfm.model.io.TensorSpec.Kind;

/**
 * Writes a random-weight MusicGen checkpoint in the Hugging Face layout ({@code config.json},
 * {@code generation_config.json}, {@code model.safetensors} with weight norm spelled
 * {@code parametrizations.weight.original0/1} as {@code save_pretrained} does, a synthetic
 * {@code tokenizer.json} and a {@code README.txt}), clearly marked synthetic
 * ({@code "musicrfm_synthetic": true} in {@code config.json}). The same config, seed and dtype give
 * the same bytes. Tensors are generated and written one at a time, so a full-size checkpoint
 * needs memory for its largest tensor only. The folder appears complete or not at all: it is
 * written into a hidden sibling and renamed at the end.
 *
 * <p>Initialization (documented in the README it writes), per tensor kind:
 * <ul>
 *   <li>MusicGen decoder, {@code enc_to_dec_proj}, {@code lm_heads}: linear weights and token
 *       embeddings N(0, σ) with σ = decoder {@code initializer_factor} (0.02), biases 0, LayerNorm
 *       weight 1 and bias 0 — as transformers initializes MusicGen. Pre-norm blocks see
 *       unit-scale inputs, so each block adds O(1) to the residual stream and its scale grows
 *       only like √layers (finite through 48 blocks).</li>
 *   <li>T5 encoder (factor f = text {@code initializer_factor}, 1.0): shared embedding N(0, f);
 *       q N(0, f/√(d_model·d_kv)); k, v, wi N(0, f/√d_model); o N(0, f/√(heads·d_kv)); wo
 *       N(0, f/√d_ff); relative bias N(0, f/√d_model); RMS-norm weight 1 — transformers' T5 scheme.</li>
 *   <li>EnCodec: conv directions {@code weight_v} N(0, √(2/fan_in)) (He, fan_in = in·k, or in·k/stride
 *       for transposed convs), magnitudes {@code weight_g} = ‖v‖ per output slice (so the effective
 *       weight is v, as weight norm is initialized), conv biases U(±1/√fan_in); LSTM weights
 *       Xavier-uniform, biases 0; codebooks N(0, 1) with {@code embed_avg} = {@code embed},
 *       {@code cluster_size} 1, {@code inited} 1.</li>
 * </ul>
 */
public final class RandomCheckpoint {

    /** Named sizes: {@code tiny} is the test fixture's; the others have the real facebook/musicgen-* shapes. */
    public enum Preset {
        TINY, SMALL, MEDIUM, LARGE;

        /** Parses {@code tiny|small|medium|large}, case-insensitively. */
        public static Preset parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown model size '" + s + "': expected tiny, small, medium or large");
            }
        }
    }

    /** Weight file name. */
    public static final String WEIGHTS = "model.safetensors";

    private RandomCheckpoint() {}

    /**
     * The {@code config.json} of a preset. All share EnCodec 32 kHz (hidden 128, 64 filters, ratios
     * 8·5·4·4, 4 codebooks of 2048×128) and the t5-base text encoder (768, 12 layers, 12 heads, ffn
     * 3072, vocab 32128); the decoders are musicgen-small 1024×24 layers×16 heads (ffn 4096), -medium
     * 1536×48×24 (ffn 6144) and -large 2048×48×32 (ffn 8192). {@code tiny} is the fixture config
     * (resource {@code musicgen-tiny-config.json}, a copy of the test fixture hf-tiny/musicgen/config.json);
     * the others are that config with the sizes replaced. {@code small} has 588,990,022 values
     * (2.36 GB in float32, as facebook/musicgen-small's model.safetensors).
     */
    public static JsonObject presetConfig(Preset preset) {
        JsonObject c = template();
        if (preset == Preset.TINY) {
            return c;
        }
        JsonObject text = c.getAsJsonObject("text_encoder");
        text.addProperty("vocab_size", 32128);
        text.addProperty("d_model", 768);
        text.addProperty("d_kv", 64);
        text.addProperty("d_ff", 3072);
        text.addProperty("num_layers", 12);
        text.addProperty("num_decoder_layers", 12);
        text.addProperty("num_heads", 12);
        text.addProperty("relative_attention_num_buckets", 32);
        text.addProperty("relative_attention_max_distance", 128);
        text.addProperty("dropout_rate", 0.1);
        JsonObject audio = c.getAsJsonObject("audio_encoder");
        audio.addProperty("hidden_size", 128);
        audio.addProperty("num_filters", 64);
        audio.addProperty("codebook_dim", 128);
        JsonObject dec = c.getAsJsonObject("decoder");
        int[] dims = switch (preset) {
            case SMALL -> new int[] {1024, 24, 16};
            case MEDIUM -> new int[] {1536, 48, 24};
            case LARGE -> new int[] {2048, 48, 32};
            default -> throw new IllegalStateException();
        };
        dec.addProperty("hidden_size", dims[0]);
        dec.addProperty("num_hidden_layers", dims[1]);
        dec.addProperty("num_attention_heads", dims[2]);
        dec.addProperty("ffn_dim", 4 * dims[0]);
        dec.addProperty("max_position_embeddings", 2048);
        dec.addProperty("dropout", 0.1);
        return c;
    }

    private static JsonObject template() {
        try (InputStream in = RandomCheckpoint.class.getResourceAsStream("musicgen-tiny-config.json")) {
            if (in == null) {
                throw new IllegalStateException("resource musicgen-tiny-config.json missing from the classpath");
            }
            return com.google.gson.JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a user {@code config.json} (a MusicGen config with text_encoder, audio_encoder and decoder). */
    public static JsonObject readConfig(Path file) throws IOException {
        JsonObject c = Checkpoint.readJsonObject(file, "config file not found: " + file);
        try {
            MusicgenLayout.of(c);
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return c;
    }

    /**
     * Writes the checkpoint into {@code out}, which must not exist or be an empty folder.
     *
     * @param dtype F32, F16 or BF16 for every floating-point tensor
     * @return {@code out}
     */
    public static Path write(JsonObject config, Path out, long seed, Dtype dtype) throws IOException {
        if (dtype != Dtype.F32 && dtype != Dtype.F16 && dtype != Dtype.BF16) {
            throw new IllegalArgumentException("dtype " + dtype + ": expected F32, F16 or BF16");
        }
        MusicgenLayout layout = MusicgenLayout.of(config);
        return AtomicFiles.writeFolder(out, tmp -> writeInto(tmp, config, layout, seed, dtype));
    }

    private static void writeInto(Path dir, JsonObject config, MusicgenLayout layout, long seed, Dtype dtype)
            throws IOException {
        var gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
        JsonObject marked = config.deepCopy();
        marked.addProperty("_name_or_path", "musicrfm-synthetic");
        marked.addProperty("dtype", switch (dtype) {
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> "float32";
        });
        marked.addProperty("musicrfm_synthetic", true);
        marked.addProperty("musicrfm_seed", seed);
        marked.addProperty("musicrfm_note", "random weights written by `musicrfm model init`; see README.txt");
        Files.writeString(dir.resolve("config.json"), gson.toJson(marked) + "\n", StandardCharsets.UTF_8);

        JsonObject gen = new JsonObject();
        int bos = config.getAsJsonObject("decoder").has("bos_token_id")
                ? config.getAsJsonObject("decoder").get("bos_token_id").getAsInt() : layout.decoder().vocabSize();
        int pad = config.getAsJsonObject("decoder").has("pad_token_id")
                ? config.getAsJsonObject("decoder").get("pad_token_id").getAsInt() : layout.decoder().vocabSize();
        gen.addProperty("_from_model_config", true);
        gen.addProperty("bos_token_id", bos);
        gen.addProperty("decoder_start_token_id", bos);
        gen.addProperty("pad_token_id", pad);
        gen.addProperty("do_sample", true);
        gen.addProperty("guidance_scale", 3.0);
        gen.addProperty("max_length", 1500);
        gen.addProperty("top_k", 250);
        Files.writeString(dir.resolve("generation_config.json"), gson.toJson(gen) + "\n", StandardCharsets.UTF_8);

        SyntheticTokenizer.write(dir.resolve("tokenizer.json"), layout.textEncoder().vocabSize());
        Files.writeString(dir.resolve("README.txt"), readme(layout, seed, dtype), StandardCharsets.UTF_8);
        writeWeights(dir.resolve(WEIGHTS), config, layout, seed, dtype);
    }

    private static void writeWeights(Path file, JsonObject config, MusicgenLayout layout, long seed, Dtype dtype)
            throws IOException {
        List<TensorSpec> specs = new ArrayList<>(layout.tensors());
        specs.sort(Comparator.comparing(t -> WeightNormNames.parametrized(t.name())));
        List<TensorInfo> infos = new ArrayList<>();
        for (TensorSpec t : specs) {
            infos.add(new TensorInfo(WeightNormNames.parametrized(t.name()), dtype.name(), t.shape()));
        }
        Init init = new Init(config, layout, seed);
        try (SafetensorsWriter w = SafetensorsWriter.create(file, infos,
                Map.of("format", "pt", "musicrfm_synthetic", "true", "musicrfm_seed", Long.toString(seed)))) {
            for (int i = 0; i < specs.size(); i++) {
                w.writeFloats(infos.get(i).name(), init.values(specs.get(i)));
            }
        }
    }

    /** The initialization rules of the class comment. */
    private static final class Init {
        private final long seed;
        private final double decoderStd;
        private final double t5Factor;
        private final MusicgenLayout layout;

        Init(JsonObject config, MusicgenLayout layout, long seed) {
            this.seed = seed;
            this.layout = layout;
            this.decoderStd = new ConfigReader(config.getAsJsonObject("decoder"), "decoder")
                    .number("initializer_factor", 0.02);
            this.t5Factor = new ConfigReader(config.getAsJsonObject("text_encoder"), "text_encoder")
                    .number("initializer_factor", 1.0);
        }

        float[] values(TensorSpec t) {
            String name = t.name();
            long n = t.elementCount();
            boolean text = name.startsWith("text_encoder.");
            return switch (t.kind()) {
                case LINEAR -> {
                    if (!text) {
                        yield rng(name).normal(n, decoderStd);
                    }
                    double std = t5Factor / Math.sqrt(t.fanIn());
                    if (name.endsWith(".SelfAttention.q.weight")) {
                        std /= Math.sqrt(layout.textEncoder().dKv()); // T5 folds 1/sqrt(d_kv) into q's init
                    }
                    yield rng(name).normal(n, std);
                }
                case EMBEDDING -> rng(name).normal(n, text ? t5Factor : decoderStd);
                case RELATIVE_BIAS -> rng(name).normal(n, t5Factor / Math.sqrt(t.fanIn()));
                case BIAS -> name.startsWith("audio_encoder.")
                        ? rng(name).uniformArray(n, 1 / Math.sqrt(t.fanIn())) : new float[(int) n];
                case NORM_WEIGHT, CODEBOOK_COUNT, CODEBOOK_FLAG -> filled(n, 1f);
                case NORM_BIAS, LSTM_BIAS -> new float[(int) n];
                case WEIGHT_NORM_V, CONV -> rng(name).normal(n, Math.sqrt(2.0 / t.fanIn()));
                case WEIGHT_NORM_G -> magnitudes(t);
                case LSTM_WEIGHT -> rng(name).uniformArray(n, Math.sqrt(6.0 / (t.fanIn() + 4.0 * t.fanIn())));
                case CODEBOOK -> rng(name.replace(".embed_avg", ".embed")).normal(n, 1.0);
            };
        }

        /** weight_g = ‖v‖ over all dims but 0, from the same draws as the matching weight_v. */
        private float[] magnitudes(TensorSpec g) {
            String vName = g.name().substring(0, g.name().length() - "weight_g".length()) + "weight_v";
            TensorSpec v = layout.tensors().stream().filter(t -> t.name().equals(vName)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + vName + " for " + g.name()));
            float[] vals = values(v);
            int rows = (int) g.shape()[0];
            int per = vals.length / rows;
            float[] out = new float[rows];
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < per; j++) {
                    double x = vals[r * per + j];
                    s += x * x;
                }
                out[r] = (float) Math.sqrt(s);
            }
            return out;
        }

        private SeededInit rng(String name) {
            return new SeededInit(seed, name);
        }

        private static float[] filled(long n, float v) {
            float[] a = new float[(int) n];
            java.util.Arrays.fill(a, v);
            return a;
        }
    }

    private static String readme(MusicgenLayout layout, long seed, Dtype dtype) {
        return """
                SYNTHETIC MODEL - RANDOM WEIGHTS - NOT facebook/musicgen
                =======================================================

                Written by `musicrfm model init` (org.musicrfm.model.io.RandomCheckpoint).
                The weights are random draws and the tokenizer is made up: this folder has the
                Hugging Face layout and the tensor shapes of MusicgenForConditionalGeneration, for
                demos, tests and benchmarks of full-size shapes. It generates noise, not music.

                seed:     %d (same config + seed + dtype -> byte-identical files)
                dtype:    %s
                decoder:  hidden %d, %d layers, %d heads, ffn %d, %d codebooks
                text:     T5 d_model %d, %d layers, %d heads, vocab %d (synthetic tokenizer.json)
                encodec:  hidden %d, %d filters, %d quantizers of %dx%d
                tensors:  %d, %d values

                Initialization: decoder/projections N(0, initializer_factor), LayerNorm 1/0;
                T5 as transformers initializes it (embedding N(0,1), q/k/v/o/wi/wo scaled by
                fan-in); EnCodec He-normal conv directions with weight_g = |v|, Xavier LSTM,
                N(0,1) codebooks. config.json carries "musicrfm_synthetic": true.
                """.formatted(seed, dtype, layout.decoder().hiddenSize(), layout.decoder().numHiddenLayers(),
                layout.decoder().numAttentionHeads(), layout.decoder().ffnDim(), layout.decoder().numCodebooks(),
                layout.textEncoder().dModel(), layout.textEncoder().numLayers(), layout.textEncoder().numHeads(),
                layout.textEncoder().vocabSize(), layout.encodec().hiddenSize(), layout.encodec().numFilters(),
                layout.encodec().numQuantizers(), layout.encodec().codebookSize(), layout.encodec().codebookDim(),
                layout.tensors().size(), layout.elementCount());
    }

    /** True when a config.json declares itself synthetic. */
    public static boolean isSynthetic(JsonObject config) {
        return config.has("musicrfm_synthetic") && config.get("musicrfm_synthetic").getAsBoolean();
    }
}
