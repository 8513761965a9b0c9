package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musicrfm.audio.MidiClip;

class ClipSeedsTest {

    /** Computed independently with Python's hashlib and struct.unpack('>q', digest[:8]). */
    private static final long GOLDEN = -6_917_209_648_369_558_703L;

    @Test
    void seedIsAFixedFunctionOfBaseAndId() {
        // SHA-256(00 00 00 00 00 00 00 2a || "tempos/120_bpm_default_offset_0"), first 8 bytes
        assertThat(ClipSeeds.seed(42, "tempos/120_bpm_default_offset_0")).isEqualTo(GOLDEN);
        assertThat(ClipSeeds.seed(42, "tempos/120_bpm_default_offset_0"))
                .isEqualTo(ClipSeeds.seed(42, "tempos/120_bpm_default_offset_0"));
        assertThat(ClipSeeds.seed(43, "tempos/120_bpm_default_offset_0")).isNotEqualTo(GOLDEN);
        assertThat(ClipSeeds.seed(42, "tempos/120_bpm_default_offset_1")).isNotEqualTo(GOLDEN);
    }

    @Test
    void cropsAreReproducibleAndDifferBySeed() {
        ConceptGenerator tempos = SynTheory.generator(Concept.TEMPOS);
        ClipSpec spec = tempos.spec(600);
        long seed = ClipSeeds.seed(7, spec.clipId());
        MidiClip a = tempos.midi(spec, seed);
        MidiClip b = tempos.midi(spec, seed);
        MidiClip other = tempos.midi(spec, seed + 1);
        assertThat(a.startSeconds()).isEqualTo(b.startSeconds())
                .isEqualTo(new SplittableRandom(seed).nextDouble() * 16.0)
                .isNotEqualTo(other.startSeconds());
        assertThat(a.durationSeconds()).isEqualTo(4.0);
    }

    @Test
    void cropStartsStayInsideTheTrimmedRendering() {
        for (Concept c : new Concept[] {Concept.TEMPOS, Concept.TIME_SIGNATURES}) {
            ConceptGenerator g = SynTheory.generator(c);
            double window = c == Concept.TEMPOS ? 16.0 : 26.0;
            Set<Double> starts = new HashSet<>();
            for (int i = 0; i < g.count(); i += 7) {
                ClipSpec s = g.spec(i);
                MidiClip clip = g.midi(s, ClipSeeds.seed(2024, s.clipId()));
                assertThat(clip.startSeconds()).as(s.clipId()).isGreaterThanOrEqualTo(0.0).isLessThan(window);
                assertThat(clip.durationSeconds()).isEqualTo(4.0);
                starts.add(clip.startSeconds());
            }
            assertThat(starts).as(c.id()).hasSize((g.count() + 6) / 7);
        }
    }

    @Test
    void theOffsetsOfOneTrackGetDifferentCrops() {
        ConceptGenerator g = SynTheory.generator(Concept.TIME_SIGNATURES);
        Set<Double> starts = new HashSet<>();
        for (int k = 0; k < 10; k++) {
            ClipSpec s = g.spec(k);
            starts.add(g.midi(s, ClipSeeds.seed(0, s.clipId())).startSeconds());
        }
        assertThat(starts).hasSize(10);
    }
}
