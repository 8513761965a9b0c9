package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs of consecutive prompt indices, at most the batch size each. */
class BatchRunsTest {

    @Test
    void cutsAtGapsAndAtTheBatchSize() {
        List<int[]> runs = BatchedGeneration.batches(List.of(0, 1, 2, 4, 5, 9), 2);
        assertThat(runs).containsExactly(new int[] {0, 2}, new int[] {2, 3}, new int[] {4, 6}, new int[] {9, 10});
    }

    @Test
    void oneRunWhenEverythingFits() {
        assertThat(BatchedGeneration.batches(List.of(3, 4, 5), 8)).containsExactly(new int[] {3, 6});
        assertThat(BatchedGeneration.batches(List.of(), 8)).isEmpty();
    }
}
