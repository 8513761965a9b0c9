package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;

class ModelIdentityTest {

    private static final List<String> LAYOUTS =
            List.of("musicgen", "musicgen-sharded", "musicgen-legacy-weightnorm", "musicgen-bin-sharded");

    @Test
    void everyFixtureLayoutHasTheSameCompatibilityKey() throws Exception {
        Set<String> keys = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (String layout : LAYOUTS) {
            ModelIdentity id = ModelIdentity.of(Fixtures.hfTiny().resolve(layout));
            assertThat(id.compatibilityKey()).matches("[0-9a-f]{64}");
            assertThat(id.fingerprint()).matches("[0-9a-f]{64}");
            assertThat(ModelIdentity.of(Fixtures.hfTiny().resolve(layout))).as("stable").isEqualTo(id);
            keys.add(id.compatibilityKey());
            fingerprints.add(id.fingerprint());
        }
        assertThat(keys).hasSize(1);
        assertThat(fingerprints).as("files differ per layout: provenance tells them apart").hasSize(4);
    }

    @Test
    void anotherHiddenSizeOrShapeChangesTheKeyIrrelevantFieldsDoNot() throws Exception {
        try (Checkpoint c = Checkpoint.open(Fixtures.hfTiny().resolve("musicgen"))) {
            List<TensorInfo> tensors = new ArrayList<>();
            for (String n : c.names()) {
                tensors.add(c.info(n));
            }
            String key = ModelIdentity.compatibilityKey(c.config(), tensors);
            assertThat(key).isEqualTo(ModelIdentity.of(c).compatibilityKey());

            JsonObject wider = c.config().deepCopy();
            wider.getAsJsonObject("decoder").addProperty("hidden_size", 48);
            assertThat(ModelIdentity.compatibilityKey(wider, tensors)).isNotEqualTo(key);

            JsonObject cosmetic = c.config().deepCopy();
            cosmetic.getAsJsonObject("decoder").addProperty("dropout", 0.3);
            cosmetic.addProperty("_name_or_path", "elsewhere");
            cosmetic.getAsJsonObject("text_encoder").addProperty("layer_norm_epsilon", 0.000001); // same number
            assertThat(ModelIdentity.compatibilityKey(cosmetic, tensors)).isEqualTo(key);

            List<TensorInfo> reshaped = new ArrayList<>(tensors);
            reshaped.replaceAll(t -> t.name().equals("enc_to_dec_proj.weight")
                    ? new TensorInfo(t.name(), t.dtype(), new long[] {24, 32}) : t);
            assertThat(ModelIdentity.compatibilityKey(c.config(), reshaped)).isNotEqualTo(key);

            List<TensorInfo> withTiedCopy = new ArrayList<>(tensors);
            withTiedCopy.add(new TensorInfo(ModelIdentity.TIED_T5_EMBEDDING, "F32", new long[] {64, 24}));
            assertThat(ModelIdentity.compatibilityKey(c.config(), withTiedCopy)).isEqualTo(key);
        }
    }
}
