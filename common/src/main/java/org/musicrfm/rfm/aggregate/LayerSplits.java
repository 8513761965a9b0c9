package org.musicrfm.rfm.aggregate;

import org.musicrfm.rfm.linalg.Mat;

/** One layer's pooled activations on the train, validation and test clips (rows in the same clip order for every layer). */
public record LayerSplits(int layer, Mat train, Mat val, Mat test) {

    public LayerSplits {
        if (train.cols() != val.cols() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("layer " + layer + ": feature counts differ: train " + train.cols()
                    + ", val " + val.cols() + ", test " + test.cols());
        }
    }
}
