package org.musicrfm.model.encodec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;
import org.musicrfm.model.musicgen.MusicgenModel;

/** EnCodec against {@code encodec.*}: 1.04 s (a ragged length) → encoder output → codes → audio. */
class EncodecParityTest {

    @Test
    void encoderOutputMatchesTransformers() {
        MusicgenModel model = TinyModel.get();
        try (NDManager scope = model.newScope()) {
            NDArray audio = scope.create(Reference.floats("encodec.input"), new Shape(Reference.shape("encodec.input")));
            NDArray emb = model.model().audioEncoder().embed(audio);
            assertThat(emb.getShape().getShape()).containsExactly(Reference.shape("encodec.encoder_output"));
            Parity.assertClose("encodec.encoder_output", emb.toFloatArray(), Reference.floats("encodec.encoder_output"));
        }
    }

    @Test
    void codesMatchExactly() {
        MusicgenModel model = TinyModel.get();
        float[] input = Reference.floats("encodec.input");
        long[][][] codes = model.encodeAudio(new float[][] {input});
        long[] want = Reference.longs("encodec.codes"); // [chunks=1, B=1, K=4, T=52]
        long[] got = new long[want.length];
        int i = 0;
        for (long[] row : codes[0]) {
            for (long v : row) {
                got[i++] = v;
            }
        }
        assertThat(i).isEqualTo(want.length);
        int same = 0;
        for (int j = 0; j < want.length; j++) {
            same += got[j] == want[j] ? 1 : 0;
        }
        System.out.printf("parity encodec.codes                                 %d/%d equal%n", same, want.length);
        assertThat(got).containsExactly(want);
    }

    @Test
    void decodedAudioMatchesTransformers() {
        MusicgenModel model = TinyModel.get();
        long[] flat = Reference.longs("encodec.codes");
        long[] shape = Reference.shape("encodec.codes");
        int k = (int) shape[2];
        int t = (int) shape[3];
        long[][][] codes = new long[1][k][t];
        for (int c = 0; c < k; c++) {
            System.arraycopy(flat, c * t, codes[0][c], 0, t);
        }
        float[][] audio = model.decodeAudio(codes);
        assertThat((long) audio[0].length).isEqualTo(Reference.shape("encodec.decoded")[2]);
        Parity.assertClose("encodec.decoded", audio[0], Reference.floats("encodec.decoded"));
    }
}
