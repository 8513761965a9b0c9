package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The 70/15/15 train/validation/test split of a probe's clips, stratified on the label and seeded
 * by clip id: within each class, clips are ordered by a hash of (seed, group id) and cut at 70 %
 * and 85 % (a class of three or more puts at least one group in each split). Clips that share a group (MusicBench's augmented copies of one recording) land in the
 * same split. The result does not depend on input order or on how Spark partitions the clips.
 */
public final class StratifiedSplit {

    public static final double TRAIN = 0.70;
    public static final double VAL = 0.15;

    private StratifiedSplit() {}

    /** A clip to place: its id, the group it must stay with (often the id itself), and its label. */
    public record Item(String clipId, String groupId, Object label) {}

    /** The split of every clip id. */
    public static Map<String, Split> assign(List<Item> items, long seed) {
        return assign(items, seed, TRAIN, VAL);
    }

    /**
     * The split of every clip id with other fractions (benchmarks that need larger validation and test
     * sets): the first {@code train} of each class to training, the next {@code val} to validation.
     */
    public static Map<String, Split> assign(List<Item> items, long seed, double train, double val) {
        if (!(train > 0 && val > 0 && train + val < 1)) {
            throw new IllegalArgumentException("split fractions must be positive and leave a test share, got train "
                    + train + ", val " + val);
        }
        Map<String, List<Item>> byClass = new LinkedHashMap<>();
        for (Item it : items) {
            byClass.computeIfAbsent(Objects.toString(it.label()), k -> new ArrayList<>()).add(it);
        }
        Map<String, Split> groupSplit = new HashMap<>();
        Map<String, Split> out = new HashMap<>();
        for (List<Item> cls : byClass.values()) {
            List<String> groups = cls.stream().map(Item::groupId).distinct()
                    .sorted(Comparator.comparingLong((String g) -> StratifiedSubset.hash(seed, g))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
            int n = groups.size();
            int trainEnd = (int) Math.round(n * train);
            int valEnd = (int) Math.round(n * (train + val));
            if (n >= 3) { // small classes: at least one clip in each split
                trainEnd = Math.max(1, Math.min(trainEnd, n - 2));
                valEnd = Math.max(trainEnd + 1, Math.min(valEnd, n - 1));
            }
            for (int i = 0; i < n; i++) {
                Split s = i < trainEnd ? Split.TRAIN : i < valEnd ? Split.VAL : Split.TEST;
                groupSplit.putIfAbsent(groups.get(i), s);
            }
        }
        for (Item it : items) {
            out.put(it.clipId(), groupSplit.get(it.groupId()));
        }
        return out;
    }

    /** The assignment as text, one {@code clip_id TAB group_id TAB split} line per item in order. */
    public static String text(List<Item> items, Map<String, Split> splits) {
        StringBuilder out = new StringBuilder();
        for (Item it : items) {
            out.append(it.clipId()).append('\t').append(it.groupId()).append('\t')
                    .append(splits.get(it.clipId()).id()).append('\n');
        }
        return out.toString();
    }
}
