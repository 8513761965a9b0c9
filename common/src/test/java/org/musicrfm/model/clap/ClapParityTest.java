package org.musicrfm.model.clap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.Weights;
import org.musicrfm.model.io.Checkpoint;

/** The hf-tiny CLAP against {@code clap.*}: audio and text embeddings and logits_per_audio. */
class ClapParityTest {

    private static NDManager manager;
    private static ClapModel model;

    @BeforeAll
    static void load() throws Exception {
        manager = NDManager.newBaseManager("PyTorch");
        try (Checkpoint ckpt = Checkpoint.open(ClapFeatureExtractorTest.folder())) {
            model = ClapModel.load(Weights.of(ckpt, manager, DataType.FLOAT32), ClapConfig.from(ckpt.config()));
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray audioEmbeds(NDManager scope) {
        NDArray features = scope.create(Reference.floats("clap.input_features"),
                new Shape(Reference.shape("clap.input_features")));
        return model.audioEmbeddings(features);
    }

    private static NDArray textEmbeds(NDManager scope) {
        Shape shape = new Shape(Reference.shape("clap.text.input_ids"));
        return model.textEmbeddings(scope.create(Reference.longs("clap.text.input_ids"), shape),
                scope.create(Reference.longs("clap.text.attention_mask"), shape));
    }

    @Test
    void audioEmbeddingsMatchTransformers() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = audioEmbeds(scope);
            assertThat(a.getShape().getShape()).containsExactly(Reference.shape("clap.audio_embeds"));
            Parity.assertClose("clap.audio_embeds", a.toFloatArray(), Reference.floats("clap.audio_embeds"));
        }
    }

    @Test
    void textEmbeddingsMatchTransformers() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray t = textEmbeds(scope);
            assertThat(t.getShape().getShape()).containsExactly(Reference.shape("clap.text_embeds"));
            Parity.assertClose("clap.text_embeds", t.toFloatArray(), Reference.floats("clap.text_embeds"));
        }
    }

    @Test
    void logitsMatchTransformers() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = audioEmbeds(scope);
            NDArray t = textEmbeds(scope);
            NDArray logits = model.logitsPerAudio(a, t);
            assertThat(logits.getShape().getShape()).containsExactly(Reference.shape("clap.logits_per_audio"));
            Parity.assertClose("clap.logits_per_audio", logits.toFloatArray(), Reference.floats("clap.logits_per_audio"));
            float[] perText = model.logitsPerText(t, a).toFloatArray();
            float[] perAudio = logits.toFloatArray();
            int na = (int) a.getShape().get(0);
            int nt = (int) t.getShape().get(0);
            for (int i = 0; i < na; i++) {
                for (int j = 0; j < nt; j++) {
                    assertThat(perText[j * na + i] / model.logitScaleText())
                            .isCloseTo(perAudio[i * nt + j] / model.logitScaleAudio(), org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
        }
    }
}
