package org.musicrfm.dataset;

import java.util.Collection;

/**
 * How many clips a {@link StratifiedSplit} put in each part; a probe needs at least one clip in
 * each, so that it is fitted, tuned and tested on something.
 */
public record SplitSizes(int train, int val, int test) {

    public static SplitSizes of(Collection<Split> splits) {
        int[] n = new int[Split.values().length];
        for (Split s : splits) {
            n[s.ordinal()]++;
        }
        return new SplitSizes(n[Split.TRAIN.ordinal()], n[Split.VAL.ordinal()], n[Split.TEST.ordinal()]);
    }

    /** Throws an {@link IllegalArgumentException} naming the counts when a part is empty. */
    public void requireEachPart(String what) {
        if (train == 0 || val == 0 || test == 0) {
            throw new IllegalArgumentException("too few clips for the 70/15/15 split of " + what + ": "
                    + (train + val + test) + " clips give train " + train + ", validation " + val + ", test "
                    + test + " (each part needs one; a class of 3 or more clips puts one in each)");
        }
    }
}
