package org.musicrfm.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.musicrfm.steering.GenerationSidecar;

/**
 * The outputs an earlier {@code generate} run recorded in its sidecar (file and identity per
 * prompt): which of them a re-run may keep, and which no longer belong.
 */
final class GeneratedOutputs {

    private final GenerationSidecar meta;

    private GeneratedOutputs(GenerationSidecar meta) {
        this.meta = meta;
    }

    /** The sidecar's record, or an empty one when there is no readable sidecar. */
    static GeneratedOutputs read(Path sidecar) {
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
    boolean holds(Path file, String identity) {
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
    GenerationSidecar keeping(List<Path> files, List<String> ids) {
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

    /** Deletes the files the record lists that are not among {@code files} (outputs of a longer batch). */
    void removeStale(List<Path> files) throws IOException {
        Set<String> now = new HashSet<>();
        files.forEach(f -> now.add(f.toAbsolutePath().toString()));
        for (GenerationSidecar.Output o : meta.outputs()) {
            if (o.file() != null && !now.contains(o.file())) {
                Files.deleteIfExists(Path.of(o.file()));
            }
        }
    }

    /** Indices to generate, cut into runs of consecutive indices of at most {@code batchSize}: [from, to). */
    static List<int[]> batches(List<Integer> todo, int batchSize) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < todo.size()) {
            int from = todo.get(i);
            int to = from + 1;
            i++;
            while (i < todo.size() && todo.get(i) == to && to - from < batchSize) {
                to++;
                i++;
            }
            runs.add(new int[] {from, to});
        }
        return runs;
    }
}
