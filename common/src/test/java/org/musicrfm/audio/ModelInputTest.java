package org.musicrfm.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInputTest {

    private static float maxAbs(float[] x) {
        float m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** 16-bit PCM that toggles between -1, 0 and +1 level: rounding noise, not music. */
    private static Audio oneLsb(int rate, int frames) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = ((i % 3) - 1) / 32767f;
        }
        return new Audio(s, rate, 1);
    }

    @Test
    void oneLsbNoiseIsSilentAndNeverNormalisedToFullScale(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("quiet.wav");
        WavFiles.write(f, oneLsb(32_000, 32_000), SampleFormat.PCM_16);
        assertThatThrownBy(() -> ModelInput.load(f, 1.0, false)).isInstanceOf(SilentAudioException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("silent: peak 3.05e-05 below 1e-04");
        float[] unscaled = ModelInput.load(f, 1.0, true);
        assertThat(maxAbs(unscaled)).isLessThanOrEqualTo(1f / 32768 + 1e-9f);
        assertThat(maxAbs(ModelInput.load(f, 1.0))).isLessThanOrEqualTo(1f / 32768 + 1e-9f);
    }

    @Test
    void theThresholdIsTheSynTheoryTablesAndAudibleAudioIsNormalised(@TempDir Path dir) throws IOException {
        assertThat(org.musicrfm.dataset.SynTheoryClipWriter.SILENCE_PEAK).isEqualTo(Audio.SILENCE_PEAK);
        float[] s = new float[32_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (2e-4 * Math.sin(2 * Math.PI * 440 * i / 32_000.0)); // -74 dBFS: quiet, not silent
        }
        Path f = dir.resolve("soft.wav");
        WavFiles.write(f, new Audio(s, 32_000, 1), SampleFormat.FLOAT_32);
        assertThat(maxAbs(ModelInput.load(f, 1.0, false))).isEqualTo(1f);
    }

    @Test
    void anEmptyDataChunkIsAnError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("empty.wav");
        WavFiles.write(f, new Audio(new float[0], 32_000, 1), SampleFormat.PCM_16);
        assertThatThrownBy(() -> ModelInput.load(f, 1.0, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("no audio samples in " + f);
    }
}
