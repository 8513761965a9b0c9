package org.musicrfm.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.midi.Soundbank;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiRendererTest {

    private static Soundbank timgm;

    @BeforeAll
    static void loadSoundFont() throws IOException {
        timgm = SoundFonts.load(SoundFonts.DEFAULT_PATH.toString());
    }

    @Test
    void rendersExactLengthDeterministically() throws Exception {
        MidiRenderer renderer = new MidiRenderer(timgm, 32_000, 1);
        Audio a = renderer.render(TestMidi.note(0, 60, 4));
        Audio b = renderer.render(TestMidi.note(0, 60, 4));
        assertThat(a.frames()).isEqualTo(64_000);
        assertThat(a.samples()).isEqualTo(b.samples());
        assertThat(a.peak()).isGreaterThan(0.01f);
    }

    @Test
    void renderedPianoNoteHasItsPitch() throws Exception {
        MidiRenderer renderer = new MidiRenderer(timgm, 32_000, 1);
        for (int midi : new int[] {45, 60, 67, 74, 83}) {
            assertThat(PitchEstimator.midiPitch(renderer.render(TestMidi.note(0, midi, 4)))).as("MIDI %d", midi)
                    .isEqualTo(midi);
        }
    }

    @Test
    void stereoFortyFourKilohertzOnRequest() throws Exception {
        Audio a = new MidiRenderer(timgm, 44_100, 2).render(TestMidi.note(40, 64, 4));
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.frames()).isEqualTo(88_200);
    }

    @Test
    void clickTrackTempoIsRecovered() throws Exception {
        MidiRenderer renderer = new MidiRenderer(timgm, 32_000, 1);
        for (double bpm : new double[] {50, 87, 120, 163, 210}) {
            assertThat(TempoEstimator.bpm(renderer.render(TestMidi.clicks(bpm, 4)))).as("%s BPM", bpm)
                    .isCloseTo(bpm, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void builtinSoundbankIsAnExplicitOptIn() throws Exception {
        assertThat(SoundFonts.load(SoundFonts.BUILTIN)).isNull();
        Audio a = new MidiRenderer(null, 32_000, 1).render(TestMidi.note(0, 60, 2));
        assertThat(a.peak()).isGreaterThan(0.001f);
    }

    @Test
    void missingSoundFontIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.sf2");
        assertThatThrownBy(() -> SoundFonts.load(missing.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("timgm6mb-soundfont");
    }
}
