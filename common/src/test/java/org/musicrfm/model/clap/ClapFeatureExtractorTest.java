package org.musicrfm.model.clap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;
import org.musicrfm.audio.Audio;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;

/** The log-mel features against {@code clap.input_features} and the padding / cropping rules. */
class ClapFeatureExtractorTest {

    static Path folder() {
        return Fixtures.hfTiny().resolve("clap");
    }

    static ClapFeatureExtractor fixtureExtractor() throws Exception {
        return new ClapFeatureExtractor(ClapFeatureConfig.read(folder()));
    }

    @Test
    void logMelMatchesTransformers() throws Exception {
        ClapFeatureExtractor fe = fixtureExtractor();
        float[] wav = Reference.floats("clap.waveform");
        ClapFeatureExtractor.Features f = fe.extract(wav, 0);
        long[] shape = Reference.shape("clap.input_features"); // [1, 1, frames, mels]
        assertThat(new long[] {1, 1, f.frames(), f.mels()}).containsExactly(shape);
        boolean wantLonger = Reference.longs("clap.is_longer")[0] != 0;
        assertThat(f.longer()).isEqualTo(wantLonger);
        Parity.assertClose("clap.input_features", f.values(), Reference.floats("clap.input_features"));
    }

    @Test
    void paddingModes() throws Exception {
        float[] clip = {1, 2, 3};
        assertThat(extractor("repeatpad", 10, 1).pad(clip)).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 0);
        assertThat(extractor("repeat", 10, 1).pad(clip)).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1);
        assertThat(extractor("pad", 10, 1).pad(clip)).containsExactly(1, 2, 3, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void longClipsAreCroppedBySeed() throws Exception {
        ClapFeatureExtractor fe = fixtureExtractor();
        int max = fe.config().maxSamples();
        float[] wav = new float[max + 4 * fe.config().hopLength() + 13];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < wav.length; i++) {
            wav[i] = (float) (0.3 * Math.sin(i * 0.01 * (1 + i / (double) wav.length)) + 0.01 * r.nextGaussian());
        }
        ClapFeatureExtractor.Features a = fe.extract(wav, 11);
        assertThat(a.longer()).isTrue();
        int offset = fe.cropOffset(wav.length, 11);
        assertThat(offset).isBetween(0, wav.length - max);
        assertThat(a.values()).containsExactly(fe.logMel(Arrays.copyOfRange(wav, offset, offset + max)));
        assertThat(fe.extract(wav, 11).values()).containsExactly(a.values());
        int differing = 0;
        for (long seed = 0; seed < 8; seed++) {
            differing += fe.cropOffset(wav.length, seed) != offset ? 1 : 0;
        }
        assertThat(differing).as("other seeds give other crops").isGreaterThan(0);
    }

    @Test
    void frequencyRangeComesFromTheConfig() {
        double[][] from50 = MelFilterBank.create(513, 64, 50, 14000, 48000, true, MelFilterBank.Scale.SLANEY);
        double[][] from0 = MelFilterBank.create(513, 64, 0, 14000, 48000, true, MelFilterBank.Scale.SLANEY);
        // bin 1 is 46.875 Hz: inside the first filter from 0 Hz, below the range from 50 Hz
        assertThat(Arrays.stream(from50[1]).sum()).isZero();
        assertThat(Arrays.stream(from0[1]).sum()).isPositive();
        // nothing above frequency_max
        assertThat(Arrays.stream(from0[513 * 14500 / 24000]).sum()).isZero();
    }

    @Test
    void refusesFusionBadAudioAndMissingConfig(@TempDir Path tmp) throws Exception {
        JsonObject c = JsonParser.parseString(Files.readString(folder().resolve("preprocessor_config.json")))
                .getAsJsonObject();
        c.addProperty("truncation", "fusion");
        assertThatThrownBy(() -> ClapFeatureConfig.from(c)).hasMessageContaining("truncation")
                .hasMessageContaining("fusion");
        ClapFeatureExtractor fe = fixtureExtractor();
        assertThatThrownBy(() -> fe.extract(new float[0], 0)).hasMessageContaining("empty");
        assertThatThrownBy(() -> fe.extract(new float[] {0, Float.NaN}, 0)).hasMessageContaining("sample 1");
        assertThatThrownBy(() -> ClapFeatureConfig.read(tmp)).hasMessageContaining("preprocessor_config.json");
        // resampling and mono: a 24 kHz stereo clip becomes 48 kHz mono before the features
        Audio stereo = new Audio(new float[2 * 24000], 24000, 2);
        assertThat(fe.extract(stereo, 0).frames()).isEqualTo(fe.config().frames());
    }

    private static ClapFeatureExtractor extractor(String padding, int maxSamples, int seconds) {
        return new ClapFeatureExtractor(new ClapFeatureConfig(4, maxSamples / seconds, 2, seconds, 4, 0, 4, null,
                "rand_trunc", padding));
    }
}
