package org.musicrfm.steering;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.provenance.UnitIdentity;

/**
 * The outputs of {@code generate}: one WAV per prompt ({@code FILE.wav}, or {@code FILE-000.wav},
 * … for a batch) and what each depends on; and those an earlier run recorded in its sidecar (file
 * and identity per prompt): which of them a re-run may keep, and which no longer belong.
 */
public final class GeneratedOutputs {

    private final GenerationSidecar meta;

    private GeneratedOutputs(GenerationSidecar meta) {
        this.meta = meta;
    }

    /** The sidecar's record, or an empty one when there is no readable sidecar. */
    public static GeneratedOutputs read(Path sidecar) {
        try {
            if (Files.isRegularFile(sidecar)) {
                GenerationSidecar s = GenerationSidecar.read(sidecar);
                if (s.outputs() != null) {
                    return new GeneratedOutputs(s);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: nothing is kept
        }
        return new GeneratedOutputs(partial(List.of(), null));
    }

    /** True when {@code file} exists and the record lists it with this identity. */
    public boolean holds(Path file, String identity) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String abs = file.toAbsolutePath().toString();
        for (GenerationSidecar.Output o : meta.outputs()) {
            if (abs.equals(o.file()) && identity.equals(o.identity())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A sidecar listing only the recorded outputs that {@code files}/{@code ids} keep, with the
     * recorded lengths and rate when any is kept.
     */
    public GenerationSidecar keeping(List<Path> files, List<String> ids) {
        List<GenerationSidecar.Output> kept = new ArrayList<>();
        for (GenerationSidecar.Output out : meta.outputs()) {
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).toAbsolutePath().toString().equals(out.file()) && holds(files.get(i), ids.get(i))) {
                    kept.add(out);
                }
            }
        }
        return partial(kept, kept.isEmpty() ? null : meta);
    }

    private static GenerationSidecar partial(List<GenerationSidecar.Output> outputs, GenerationSidecar shared) {
        return new GenerationSidecar("generate", null, null, null, null, null, null,
                shared == null ? null : shared.decodingSteps(), shared == null ? null : shared.frameRate(),
                shared == null ? 0 : shared.frames(),
                shared == null ? 0 : shared.sampleRate(), shared == null ? 0 : shared.audioSamples(), outputs, null,
                null, null, null, null, null, null, 0, null, null);
    }

    /** The indices of the outputs the record does not hold with their identity: those to generate. */
    public List<Integer> missing(List<Path> files, List<String> ids) {
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (!holds(files.get(i), ids.get(i))) {
                todo.add(i);
            }
        }
        return todo;
    }

    /**
     * Before a re-run replaces files: writes {@code sidecar} listing only the outputs that stay
     * valid (so a kill leaves no false claim), deletes outputs that no longer belong and returns
     * that sidecar.
     */
    public GenerationSidecar keepOnly(List<Path> files, List<String> ids, Path sidecar) throws IOException {
        GenerationSidecar meta = keeping(files, ids);
        meta.write(sidecar);
        removeStale(files);
        return meta;
    }

    /** Deletes the files the record lists that are not among {@code files} (outputs of a longer batch). */
    public void removeStale(List<Path> files) throws IOException {
        Set<String> now = new HashSet<>();
        files.forEach(f -> now.add(f.toAbsolutePath().toString()));
        for (GenerationSidecar.Output o : meta.outputs()) {
            if (o.file() != null && !now.contains(o.file())) {
                Files.deleteIfExists(Path.of(o.file()));
            }
        }
    }

    /** The output files of {@code n} prompts: {@code out} itself, or numbered files for a batch. */
    public static List<Path> files(Path out, int n, boolean batch) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(batch ? numbered(out, i) : out);
        }
        return files;
    }

    /** {@code dir/name.wav} -> {@code dir/name-007.wav}. */
    public static Path numbered(Path wav, int index) {
        String name = wav.getFileName().toString();
        return wav.resolveSibling(String.format(Locale.ROOT, "%s-%03d.wav", name.substring(0, name.length() - 4), index));
    }

    /**
     * What one output depends on: the model's fingerprint, every setting but the prompt list and
     * the batch split, the dtype, the prompt and its index (its sampling seed derives from the index).
     */
    public static String identity(ModelIdentity identity, String dtype, GenerationConfig config, String prompt,
                                  int index) {
        JsonObject settings = config.describe();
        settings.remove("prompts");
        settings.remove("first_prompt_index");
        return UnitIdentity.of(Map.of("model_fingerprint", identity.fingerprint(), "dtype", dtype,
                "settings", settings.toString(), "prompt", prompt, "prompt_index", Integer.toString(index))).digest();
    }

    /** Each prompt's output identity ({@link #identity}), in order. */
    public static List<String> identities(ModelIdentity identity, String dtype, GenerationConfig config) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < config.prompts().size(); i++) {
            ids.add(identity(identity, dtype, config, config.prompts().get(i), i));
        }
        return ids;
    }

    /** Each prompt's sidecar entry: index, prompt, absolute file and identity. */
    public static List<GenerationSidecar.Output> outputs(List<Path> files, List<String> texts, List<String> ids) {
        List<GenerationSidecar.Output> outputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            outputs.add(new GenerationSidecar.Output(i, texts.get(i), files.get(i).toAbsolutePath().toString(),
                    ids.get(i)));
        }
        return outputs;
    }

    /** Writes the generated outputs ({@code todo}) as mono 16-bit WAVs at {@code sampleRate}. */
    public static void writeWavs(List<Path> files, List<Integer> todo, List<float[]> audio, int sampleRate)
            throws IOException {
        for (int i : todo) {
            WavFiles.write(files.get(i), new Audio(audio.get(i), sampleRate, 1), SampleFormat.PCM_16);
        }
    }
}
