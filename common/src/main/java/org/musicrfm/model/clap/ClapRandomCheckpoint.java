package org.musicrfm.model.clap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.io.SafetensorsWriter;
import org.musicrfm.model.io.SeededInit;
import org.musicrfm.model.io.SyntheticRobertaTokenizer;
import org.musicrfm.model.io.TensorInfo;

/**
 * Writes a random-weight CLAP checkpoint in the Hugging Face layout: {@code config.json} (marked
 * {@code "musicrfm_synthetic": true}), {@code preprocessor_config.json}, a synthetic RoBERTa-style
 * {@code tokenizer.json}, {@code README.txt} and {@code model.safetensors} with every parameter and
 * persistent buffer {@code save_pretrained} writes. Weights N(0, 0.02) (linear, convolution,
 * embedding, relative position tables), biases 0, LayerNorm 1/0, batch norm identity statistics,
 * {@code logit_scale_* = log(logit_scale_init_value)}. Same config, seed and dtype, same bytes; the
 * folder appears complete or not at all.
 */
public final class ClapRandomCheckpoint {

    /** Named sizes. */
    public enum Preset {
        /** The test fixture's shape (HTSAT width 8, depths [1,1,1,1]; RoBERTa 32 x 2 layers). */
        TINY,
        /** laion/larger_clap_music: HTSAT-base (128, depths [2,2,12,2]) + roberta-base, projection 512. */
        LARGER_CLAP_MUSIC;

        /** Parses {@code tiny} or {@code larger_clap_music}. */
        public static Preset parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown CLAP size '" + s + "': expected tiny or larger_clap_music");
            }
        }
    }

    private static final double STD = 0.02;

    private ClapRandomCheckpoint() {}

    /** The {@code config.json} of a preset. */
    public static JsonObject presetConfig(Preset preset) {
        JsonObject c = template();
        if (preset == Preset.TINY) {
            return c;
        }
        JsonObject a = c.getAsJsonObject("audio_config");
        a.add("depths", ints(2, 2, 12, 2));
        a.add("num_attention_heads", ints(4, 8, 16, 32));
        a.addProperty("patch_embeds_hidden_size", 128);
        a.addProperty("hidden_size", 1024);
        a.addProperty("projection_dim", 512);
        a.addProperty("num_classes", 527);
        JsonObject t = c.getAsJsonObject("text_config");
        t.addProperty("vocab_size", 50265);
        t.addProperty("hidden_size", 768);
        t.addProperty("num_hidden_layers", 12);
        t.addProperty("num_attention_heads", 12);
        t.addProperty("intermediate_size", 3072);
        t.addProperty("max_position_embeddings", 514);
        t.addProperty("layer_norm_eps", 1e-12);
        t.addProperty("projection_dim", 512);
        c.addProperty("projection_dim", 512);
        c.addProperty("hidden_size", 768);
        c.addProperty("num_hidden_layers", 16);
        return c;
    }

    /**
     * The {@code preprocessor_config.json} of a preset: 48 kHz, 10 s, 64 mels, Hann 1024, hop 480,
     * rand_trunc, repeatpad; 0-14000 Hz for {@code tiny} (the fixture's), 50-14000 Hz for larger_clap_music.
     */
    public static JsonObject presetPreprocessor(Preset preset) {
        JsonObject p = new JsonObject();
        p.addProperty("feature_extractor_type", "ClapFeatureExtractor");
        p.addProperty("feature_size", 64);
        p.addProperty("fft_window_size", 1024);
        p.addProperty("frequency_max", 14000);
        p.addProperty("frequency_min", preset == Preset.TINY ? 0 : 50);
        p.addProperty("hop_length", 480);
        p.addProperty("max_length_s", 10);
        p.addProperty("nb_frequency_bins", 513);
        p.addProperty("nb_max_samples", 480000);
        p.addProperty("padding", "repeatpad");
        p.addProperty("padding_side", "right");
        p.addProperty("padding_value", 0.0);
        p.addProperty("return_attention_mask", false);
        p.addProperty("sampling_rate", 48000);
        p.add("top_db", null);
        p.addProperty("truncation", "rand_trunc");
        return p;
    }

    private static JsonObject template() {
        try (InputStream in = ClapRandomCheckpoint.class.getResourceAsStream("clap-tiny-config.json")) {
            if (in == null) {
                throw new IllegalStateException("resource clap-tiny-config.json missing from the classpath");
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonArray ints(int... v) {
        JsonArray a = new JsonArray();
        Arrays.stream(v).forEach(a::add);
        return a;
    }

    /** Reads a user {@code config.json} and checks that it is a CLAP config this port runs. */
    public static JsonObject readConfig(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "config file not found");
        }
        try {
            JsonObject c = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            ClapConfig.from(c);
            return c;
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the checkpoint into {@code out} (must not exist or be empty).
     *
     * @param dtype F32, F16 or BF16 for every floating-point tensor
     */
    public static Path write(JsonObject config, JsonObject preprocessor, Path out, long seed, Dtype dtype)
            throws IOException {
        if (dtype != Dtype.F32 && dtype != Dtype.F16 && dtype != Dtype.BF16) {
            throw new IllegalArgumentException("dtype " + dtype + ": expected F32, F16 or BF16");
        }
        ClapConfig parsed = ClapConfig.from(config);
        ClapFeatureConfig.from(preprocessor);
        return org.musicrfm.io.AtomicFiles.writeFolder(out, dir -> writeInto(dir, config, preprocessor, parsed, seed, dtype));
    }

    private static void writeInto(Path dir, JsonObject config, JsonObject preprocessor, ClapConfig parsed, long seed,
                                  Dtype dtype) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
        JsonObject marked = config.deepCopy();
        marked.addProperty("_name_or_path", "musicrfm-synthetic-clap");
        marked.addProperty("dtype", switch (dtype) {
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> "float32";
        });
        marked.addProperty("musicrfm_synthetic", true);
        marked.addProperty("musicrfm_seed", seed);
        marked.addProperty("musicrfm_note", "random weights written by `musicrfm model init --arch clap`; see README.txt");
        Files.writeString(dir.resolve("config.json"), gson.toJson(marked) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("preprocessor_config.json"), gson.toJson(preprocessor) + "\n", StandardCharsets.UTF_8);
        SyntheticRobertaTokenizer.write(dir.resolve("tokenizer.json"), parsed.text().vocabSize());
        ClapCheckpointLayout layout = ClapCheckpointLayout.of(parsed);
        Files.writeString(dir.resolve("README.txt"), readme(parsed, layout, seed, dtype), StandardCharsets.UTF_8);
        List<TensorInfo> infos = new ArrayList<>();
        for (ClapCheckpointLayout.Entry e : layout.entries()) {
            infos.add(new TensorInfo(e.name(), e.isLong() ? "I64" : dtype.name(), e.shape()));
        }
        double logitScale = Math.log(parsed.logitScaleInitValue());
        try (SafetensorsWriter w = SafetensorsWriter.create(dir.resolve("model.safetensors"), infos,
                Map.of("format", "pt", "musicrfm_synthetic", "true", "musicrfm_seed", Long.toString(seed)))) {
            for (ClapCheckpointLayout.Entry e : layout.entries()) {
                int n = Math.toIntExact(e.elementCount());
                switch (e.fill()) {
                    case NORMAL -> w.writeFloats(e.name(), new SeededInit(seed, e.name()).normal(n, STD));
                    case ZEROS -> w.writeFloats(e.name(), new float[n]);
                    case ONES -> w.writeFloats(e.name(), filled(n, 1f));
                    case LOGIT_SCALE -> w.writeFloats(e.name(), filled(n, (float) logitScale));
                    case LONG_ZEROS -> w.writeLongs(e.name(), new long[n]);
                    case ARANGE -> {
                        long[] v = new long[n];
                        Arrays.setAll(v, i -> i);
                        w.writeLongs(e.name(), v);
                    }
                    case RELATIVE_INDEX -> w.writeLongs(e.name(),
                            ClapCheckpointLayout.relativePositionIndex(parsed.audio().windowSize()));
                }
            }
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private static String readme(ClapConfig c, ClapCheckpointLayout layout, long seed, Dtype dtype) {
        return """
                SYNTHETIC MODEL - RANDOM WEIGHTS - NOT laion/larger_clap_music
                ==============================================================

                Written by `musicrfm model init --arch clap` (org.musicrfm.model.clap.ClapRandomCheckpoint).
                The weights are random draws and the tokenizer is made up: this folder has the Hugging
                Face layout and the tensor shapes of ClapModel, for demos, tests and benchmarks of
                full-size shapes. Its embeddings mean nothing.

                seed:     %d (same config + seed + dtype -> byte-identical files)
                dtype:    %s
                audio:    HTSAT width %d, depths %s, heads %s, window %d, spec %d
                text:     RoBERTa hidden %d, %d layers, %d heads, vocab %d (synthetic tokenizer.json)
                project:  %d
                tensors:  %d, %d values

                Initialization: weights N(0, 0.02), biases 0, LayerNorm 1/0, batch norm identity
                statistics, logit scales log(logit_scale_init_value). config.json carries
                "musicrfm_synthetic": true.
                """.formatted(seed, dtype, c.audio().patchEmbedsHiddenSize(), Arrays.toString(c.audio().depths()),
                Arrays.toString(c.audio().numAttentionHeads()), c.audio().windowSize(), c.audio().specSize(),
                c.text().hiddenSize(), c.text().numHiddenLayers(), c.text().numAttentionHeads(), c.text().vocabSize(),
                c.projectionDim(), layout.entries().size(), layout.elementCount());
    }
}
