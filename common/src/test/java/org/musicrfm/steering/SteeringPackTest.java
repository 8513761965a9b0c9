package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.io.SafetensorsFile;

/** Pack round trip, layout-independent acceptance, refusal on another architecture. */
class SteeringPackTest {

    /** The fixture decoder's hidden size and depth. */
    static final int HIDDEN = Fixtures.tinyDecoder().hiddenSize();
    static final int LAYERS = Fixtures.tinyDecoder().numHiddenLayers();

    @TempDir
    Path tmp;

    static Path tiny() {
        return Fixtures.hfTiny().resolve("musicgen");
    }

    static SteeringPack.Builder samplePack(ModelIdentity id) {
        Random r = new Random(1);
        SteeringPack.Builder b = SteeringPack.builder("notes", id, HIDDEN, LAYERS).modelName("hf-tiny").dataset("syntheory")
                .splitSeed(1234).softwareVersion("test").scoring("accuracy", false);
        for (String label : new String[] {"C", "C#", "6/8 odd.layer9 name"}) {
            Map<Integer, LayerDirection> layers = new TreeMap<>();
            for (int l = 0; l < LAYERS; l++) {
                float[][] v = new float[2][HIDDEN];
                for (float[] row : v) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = (float) r.nextGaussian();
                    }
                }
                layers.put(l, LayerDirection.of(v, new float[] {1f, 0.25f}, 0.5 + 0.1 * l)
                        .withHyperparameters(Map.of("bandwidth", 10.0 + l, "reg", 1e-3, "center_grads", 1.0, "q", 1.1))
                        .withMetrics(Map.of("val_accuracy", 0.5 + 0.1 * l, "test_accuracy", 0.45 + 0.1 * l)));
            }
            b.addClass(label, layers);
        }
        return b;
    }

    @Test
    void roundTripKeepsEveryTensorScoreAndProvenance() throws Exception {
        ModelIdentity id = ModelIdentity.of(tiny());
        Path file = tmp.resolve("notes.pack.safetensors");
        SteeringPack made = samplePack(id).write(file);
        SteeringPack read = SteeringPack.read(file);
        assertThat(read.classes()).containsExactly("C", "C#", "6/8 odd.layer9 name");
        assertThat(read.provenance()).isEqualTo(made.provenance());
        assertThat(read.provenance().compatibilityKey()).isEqualTo(id.compatibilityKey());
        assertThat(read.provenance().fingerprint()).isEqualTo(id.fingerprint());
        assertThat(read.provenance().splitSeed()).isEqualTo(1234L);
        assertThat(read.scoreMetric()).isEqualTo("accuracy");
        for (String c : made.classes()) {
            assertThat(read.layers(c)).isEqualTo(made.layers(c));
        }
        assertThat(read.layers("C").get(2).hyperparameters()).containsEntry("bandwidth", 12.0);
        assertThat(read.scores("C#").scores()).containsExactlyEntriesOf(new TreeMap<>(Map.of(0, 0.5, 1, 0.6, 2, 0.7)));

        // the file as other readers see it: named tensors and JSON metadata
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.info("C#.layer1.vectors").shape()).containsExactly(2, HIDDEN);
            assertThat(f.info("C#.layer1.eigenvalues").shape()).containsExactly(2);
            assertThat(f.info("C.layer0.vectors").dtype()).isEqualTo("F32");
            assertThat(f.metadata()).containsEntry("format", SteeringPack.FORMAT).containsEntry("format_version", "1");
            JsonObject meta = JsonParser.parseString(f.metadata().get(SteeringPack.METADATA_KEY)).getAsJsonObject();
            assertThat(meta.get("concept").getAsString()).isEqualTo("notes");
            assertThat(meta.getAsJsonObject("provenance").get("compatibility_key").getAsString())
                    .isEqualTo(id.compatibilityKey());
            assertThat(meta.getAsJsonArray("classes").get(0).getAsJsonObject().getAsJsonObject("layers")
                    .getAsJsonObject("2").get("score").getAsDouble()).isEqualTo(0.7);
        }
    }

    @Test
    void sameWeightsInOtherLayoutsAreAccepted() throws Exception {
        Path file = tmp.resolve("p.safetensors");
        samplePack(ModelIdentity.of(tiny())).write(file);
        for (String layout : new String[] {"musicgen", "musicgen-sharded", "musicgen-legacy-weightnorm", "musicgen-bin-sharded"}) {
            SteeringPack p = SteeringPack.load(file, Fixtures.hfTiny().resolve(layout));
            assertThat(p.classes()).hasSize(3);
            p.requireCompatible(ModelIdentity.of(Fixtures.hfTiny().resolve(layout)));
        }
    }

    @Test
    void anotherHiddenSizeOrDepthIsRefusedNamingBothKeys() throws Exception {
        Path file = tmp.resolve("p.safetensors");
        ModelIdentity tinyId = ModelIdentity.of(tiny());
        samplePack(tinyId).write(file);
        JsonObject wide = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        wide.getAsJsonObject("decoder").addProperty("hidden_size", 2 * HIDDEN);
        Path wideModel = RandomCheckpoint.write(wide, tmp.resolve("wide"), 3, Dtype.F32);
        String wideKey = ModelIdentity.of(wideModel).compatibilityKey();
        assertThatThrownBy(() -> SteeringPack.load(file, wideModel))
                .isInstanceOf(IncompatiblePackException.class)
                .hasMessageContaining(tinyId.compatibilityKey())
                .hasMessageContaining(wideKey)
                .hasMessageContaining("hidden size " + HIDDEN + ", " + LAYERS + " layers")
                .hasMessageContaining("hidden size " + 2 * HIDDEN + ", " + LAYERS + " layers");

        JsonObject deep = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        deep.getAsJsonObject("decoder").addProperty("num_hidden_layers", LAYERS + 1);
        Path deepModel = RandomCheckpoint.write(deep, tmp.resolve("deep"), 3, Dtype.F32);
        assertThatThrownBy(() -> SteeringPack.read(file).requireCompatible(ModelIdentity.of(deepModel)))
                .isInstanceOf(IncompatiblePackException.class)
                .hasMessageContaining(ModelIdentity.of(deepModel).compatibilityKey());

        // a random checkpoint of the fixture's own shape is compatible (same architecture, other weights)
        Path same = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY), tmp.resolve("same"), 9,
                Dtype.F32);
        assertThat(SteeringPack.load(file, same).classes()).hasSize(3);
    }

    @Test
    void directionFromAPackUsesItsScoresForWeighting() throws Exception {
        SteeringPack pack = samplePack(ModelIdentity.of(tiny())).build();
        SteeringDirection d = SteeringDirection.fromPack(pack, "C").weighting(LayerWeighting.parse("exp:0.95")).eta(0.45).build();
        assertThat(d.name()).isEqualTo("notes:C");
        SortedMap<Integer, Double> w = d.weights();
        assertThat(w.keySet()).containsExactly(1, 2); // layer 0 has the worst score: ŝ = 0, weight 0, dropped
        assertThat(w.get(1)).isCloseTo(Math.pow(0.5, 1 / 0.95), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(d.vector(2)).containsExactly(pack.layers("C").get(2).vectors()[0]);
        float[] sum = SteeringDirection.fromPack(pack, "C", 0, 1).build().vector(0);
        assertThat(sum[3]).isEqualTo(pack.layers("C").get(0).vectors()[0][3] + pack.layers("C").get(0).vectors()[1][3]);
    }

    @Test
    void badPacksAreClearErrors() throws Exception {
        ModelIdentity id = ModelIdentity.of(tiny());
        assertThatThrownBy(() -> SteeringPack.read(Fixtures.hfTiny().resolve("dtypes.safetensors")))
                .hasMessageContaining("is not a steering pack");
        assertThatThrownBy(() -> SteeringPack.builder("notes", id, HIDDEN, LAYERS)
                .addClass("C", Map.of(0, LayerDirection.of(new float[][] {new float[HIDDEN / 2]}, new float[] {1}, 0.5))))
                .hasMessageContaining("length " + HIDDEN / 2 + ", the model's hidden size is " + HIDDEN);
        assertThatThrownBy(() -> SteeringPack.builder("notes", id, HIDDEN, LAYERS)
                .addClass("C", Map.of(LAYERS, LayerDirection.of(new float[][] {new float[HIDDEN]}, new float[] {1}, 0.5))))
                .hasMessageContaining("layer " + LAYERS + " outside 0.." + (LAYERS - 1));
        assertThatThrownBy(() -> samplePack(id).build().layers("D")).hasMessageContaining("no class 'D'")
                .hasMessageContaining("C, C#");
    }
}
