package org.musicrfm.rfm.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

class TorchArraysTest {

    /**
     * An uploaded array must own its memory: DJL frees the direct buffer behind an array made from
     * Java data once that array is closed and collected, so a view of it would then read whatever
     * reuses the memory (this failed before uploads were copied).
     */
    @Test
    void uploadSurvivesCollectionOfItsSource() throws InterruptedException {
        Random rnd = new Random(7);
        int rows = 300;
        int cols = 200;
        Mat m = Mat.zeros(rows, cols, Precision.FLOAT64);
        for (int k = 0; k < m.size(); k++) {
            m.put(k, rnd.nextGaussian());
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> uploads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                uploads.add(TorchArrays.upload(m, Precision.FLOAT64, manager));
            }
            List<ByteBuffer> noise = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                System.gc();
                Thread.sleep(50);
                for (int i = 0; i < 8; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(rows * cols * Double.BYTES);
                    while (b.hasRemaining()) {
                        b.putDouble(1e300);
                    }
                    noise.add(b);
                }
            }
            for (NDArray u : uploads) {
                assertThat(TorchArrays.download(u).relativeError(m)).isEqualTo(0.0);
            }
            assertThat(noise).hasSize(40);
        }
    }
}
