package org.musicrfm.model.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model identity: which checkpoints a steering pack or an activation table belongs to. The <em>compatibility key</em> is a SHA-256 over the architecture
 * fields of {@code config.json} and every tensor's unified name and shape, sorted: the same weights
 * stored as safetensors, sharded or {@code .bin} (either weight-norm spelling) share it, so a
 * steering pack trained on one is accepted on the others. The <em>fingerprint</em>, for provenance,
 * is a SHA-256 over the key plus every tensor's dtype and each weight file's name and byte size,
 * and a digest of each file's first and last MiB (cheap on a 13 GB checkpoint, and it tells apart
 * two random checkpoints of equal shape).
 */
public record ModelIdentity(String compatibilityKey, String fingerprint) {

    /** Config fields that change what the weights compute; everything else (dropout, ids of labels, …) is ignored. */
    static final Map<String, List<String>> ARCHITECTURE_FIELDS = Map.of(
            "", List.of("model_type"),
            "text_encoder", List.of("model_type", "vocab_size", "d_model", "d_kv", "d_ff", "num_layers", "num_heads",
                    "relative_attention_num_buckets", "relative_attention_max_distance", "feed_forward_proj",
                    "layer_norm_epsilon"),
            "audio_encoder", List.of("model_type", "sampling_rate", "audio_channels", "hidden_size", "num_filters",
                    "num_residual_layers", "upsampling_ratios", "norm_type", "kernel_size", "last_kernel_size",
                    "residual_kernel_size", "dilation_growth_rate", "use_causal_conv", "pad_mode", "compress",
                    "num_lstm_layers", "trim_right_ratio", "codebook_size", "codebook_dim", "use_conv_shortcut",
                    "target_bandwidths", "normalize", "chunk_length_s", "overlap"),
            "decoder", List.of("model_type", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
                    "ffn_dim", "num_codebooks", "audio_channels", "activation_function", "max_position_embeddings",
                    "scale_embedding", "pad_token_id", "bos_token_id", "cross_attention_hidden_size"));

    /** A tied copy of {@code text_encoder.shared.weight} that some {@code torch.save} state dicts repeat. */
    static final String TIED_T5_EMBEDDING = "text_encoder.encoder.embed_tokens.weight";

    private static final int SAMPLE = 1 << 20;

    /** Identity of an opened checkpoint. */
    public static ModelIdentity of(Checkpoint checkpoint) throws IOException {
        List<TensorInfo> tensors = new ArrayList<>();
        for (String name : checkpoint.names()) {
            tensors.add(checkpoint.info(name));
        }
        String key = compatibilityKey(checkpoint.config(), tensors);
        MessageDigest sha = sha256();
        update(sha, "key " + key);
        for (TensorInfo t : sorted(tensors)) {
            update(sha, "dtype " + t.name() + " " + t.dtype());
        }
        List<Path> files = new ArrayList<>(checkpoint.weightFiles());
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path f : files) {
            update(sha, "file " + f.getFileName() + " " + Files.size(f) + " " + sample(f));
        }
        return new ModelIdentity(key, HexFormat.of().formatHex(sha.digest()));
    }

    /** Opens the folder and computes its identity. */
    public static ModelIdentity of(Path folder) throws IOException {
        try (Checkpoint c = Checkpoint.open(folder)) {
            return of(c);
        }
    }

    /** The compatibility key of a config and a set of tensors (unified names). */
    public static String compatibilityKey(JsonObject config, Collection<TensorInfo> tensors) {
        MessageDigest sha = sha256();
        for (String line : architectureLines(config)) {
            update(sha, line);
        }
        boolean hasShared = tensors.stream().anyMatch(t -> t.name().equals("text_encoder.shared.weight"));
        for (TensorInfo t : sorted(tensors)) {
            if (hasShared && t.name().equals(TIED_T5_EMBEDDING)) {
                continue;
            }
            update(sha, "tensor " + WeightNormNames.canonical(t.name()) + " " + Arrays.toString(t.shape()));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** True when steering directions and probes made on {@code other} apply to this model. */
    public boolean compatibleWith(ModelIdentity other) {
        return compatibilityKey.equals(other.compatibilityKey);
    }

    /** {@code section.field=value} for every architecture field, sorted; absent fields read {@code null}. */
    static List<String> architectureLines(JsonObject config) {
        Map<String, String> lines = new TreeMap<>();
        for (var e : ARCHITECTURE_FIELDS.entrySet()) {
            JsonObject section = config;
            if (!e.getKey().isEmpty()) {
                JsonElement s = config.get(e.getKey());
                section = s != null && s.isJsonObject() ? s.getAsJsonObject() : new JsonObject();
            }
            for (String field : e.getValue()) {
                String key = e.getKey().isEmpty() ? field : e.getKey() + "." + field;
                lines.put(key, "config " + key + "=" + canonical(section.get(field)));
            }
        }
        return List.copyOf(lines.values());
    }

    /** JSON text with numbers normalized (1e-06 and 0.000001, 4 and 4.0 read the same). */
    private static String canonical(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return new BigDecimal(e.getAsString()).stripTrailingZeros().toPlainString();
        }
        if (e.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> parts.add(canonical(x)));
            return "[" + String.join(",", parts) + "]";
        }
        if (e.isJsonPrimitive()) {
            return new JsonPrimitive(e.getAsString()).toString();
        }
        return e.toString();
    }

    private static List<TensorInfo> sorted(Collection<TensorInfo> tensors) {
        List<TensorInfo> s = new ArrayList<>(tensors);
        s.sort(Comparator.comparing(t -> WeightNormNames.canonical(t.name())));
        return s;
    }

    /** SHA-256 of the first and last MiB of a file. */
    private static String sample(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            readInto(sha, ch, 0, Math.min(SAMPLE, size));
            if (size > SAMPLE) {
                long start = Math.max(SAMPLE, size - SAMPLE);
                readInto(sha, ch, start, size - start);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void readInto(MessageDigest sha, FileChannel ch, long pos, long len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) len);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                break;
            }
        }
        buf.flip();
        sha.update(buf);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String line) {
        sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
