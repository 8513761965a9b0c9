package org.musicrfm.model.musicgen;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;

/**
 * Both activation readings ({@link org.musicrfm.model.musicgen.Reading}) against {@code extract.*}: the fixture's own EnCodec codes,
 * Hugging Face's hidden-state indices 0..L, mean over time.
 */
class ExtractionParityTest {

    private static long[][][] encodecCodes() {
        long[] flat = Reference.longs("encodec.codes");
        long[] s = Reference.shape("encodec.codes"); // [1, B, K, T]
        return MusicgenModel.unflatten(flat, (int) s[1], (int) s[2], (int) s[3]);
    }

    private static void check(Reading reading, String group) {
        MusicgenModel model = TinyModel.get();
        int layers = model.numLayers();
        int[] states = new int[layers + 1];
        for (int i = 0; i <= layers; i++) {
            states[i] = StateObserver.hfIndex(i, layers);
        }
        Activations a = model.extractStates(encodecCodes(), reading, EnumSet.of(Pooling.MEAN), states, null);
        for (int i = 0; i <= layers; i++) {
            Parity.assertClose(group + ".hidden_meanpool." + i, a.get(Pooling.MEAN, i, 0),
                    Reference.floats(group + ".hidden_meanpool." + i));
        }
        // the project's layers l = 0..L-2 are Hugging Face's hidden_states l+1
        Activations blocks = model.extract(encodecCodes(), reading, EnumSet.of(Pooling.MEAN));
        for (int l = 0; l < layers - 1; l++) {
            Parity.assertClose(group + " layer " + l, blocks.get(Pooling.MEAN, l, 0),
                    Reference.floats(group + ".hidden_meanpool." + (l + 1)));
        }
    }

    @Test
    void decoderOnlyReadingMatchesTransformers() {
        check(Reading.DECODER_ONLY, "extract.decoder_only");
    }

    @Test
    void emptyTextReadingMatchesTransformers() {
        check(Reading.EMPTY_TEXT, "extract.empty_text");
    }
}
