package org.musicrfm.steering.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.t5.T5Tokenizer;

/** A sweep's units in generation batches: units whose prompts have the same token count, in unit-id order. */
public final class SweepBatches {

    private SweepBatches() {}

    /**
     * Token count of each prompt (T5 tokenizer of the checkpoint): prompts of equal count batch
     * without padding.
     */
    public static Map<String, Integer> promptLengths(Path modelDir, MusicgenConfig modelConfig, List<String> prompts)
            throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (T5Tokenizer t = T5Tokenizer.load(modelDir.resolve("tokenizer.json"),
                modelConfig.textEncoder().padTokenId())) {
            for (String p : prompts) {
                out.put(p, t.encode(p).length);
            }
        }
        return out;
    }

    /**
     * Units in batches of at most {@code size}: grouped by prompt token count (no padding in a batch),
     * ordered by unit id within a group, so batches depend only on the units, not on task layout.
     */
    public static List<List<SweepUnit>> batches(List<SweepUnit> units, Map<String, Integer> promptLengths, int size) {
        Map<Integer, List<SweepUnit>> byLength = new TreeMap<>();
        units.stream().sorted(Comparator.comparing(SweepUnit::unitId)).forEach(u ->
                byLength.computeIfAbsent(promptLengths.get(u.prompt()), k -> new ArrayList<>()).add(u));
        List<List<SweepUnit>> out = new ArrayList<>();
        for (List<SweepUnit> group : byLength.values()) {
            for (int i = 0; i < group.size(); i += size) {
                out.add(new ArrayList<>(group.subList(i, Math.min(group.size(), i + size))));
            }
        }
        return out;
    }
}
