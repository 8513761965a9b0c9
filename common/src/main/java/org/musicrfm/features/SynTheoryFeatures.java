package org.musicrfm.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sound.midi.Soundbank;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.dataset.ClipSeeds;
import org.musicrfm.dataset.ClipSpec;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.ConceptGenerator;
import org.musicrfm.audio.MidiClip;
import org.musicrfm.dataset.StratifiedSubset;
import org.musicrfm.dataset.SynTheory;

/**
 * Renders a stratified subset of a SynTheory concept with Gervill and computes each clip's pooled
 * descriptors for every {@link FeatureSet}. Silent renders (peak below 1e-4) are left out.
 */
public final class SynTheoryFeatures {

    /**
     * The rendered clips that were not silent.
     *
     * @param labels      each clip's probed label (class name or number)
     * @param descriptors per feature set, [clips][k]
     */
    public record Clips(Concept concept, List<String> clipIds, List<Object> labels,
                        Map<FeatureSet, double[][]> descriptors, int silent) {}

    /** Mel bands of the frames. */
    public static final int MEL_BANDS = 40;

    private SynTheoryFeatures() {}

    /**
     * @param count      clips in the stratified subset (by the concept's probed label)
     * @param seconds    rendered length from the clip's start (tonal clips hold a full note or chord per second)
     * @param sampleRate render rate, e.g. 16,000
     * @param soundbank  SoundFont (null: the JDK's built-in one)
     */
    public static Clips render(Concept concept, int count, double seconds, int sampleRate, Soundbank soundbank,
                               long seed, int threads) {
        ConceptGenerator gen = SynTheory.generator(concept);
        List<ClipSpec> specs = StratifiedSubset.select(gen.specs().toList(), concept.probedLabel(), seed, count);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        ThreadLocal<MidiRenderer> renderers = ThreadLocal.withInitial(() -> new MidiRenderer(soundbank, sampleRate, 1));
        try {
            List<Future<SpectralFrames>> frames = new ArrayList<>();
            for (ClipSpec spec : specs) {
                frames.add(pool.submit(() -> {
                    MidiClip clip = gen.midi(spec, ClipSeeds.seed(seed, spec.clipId()));
                    MidiClip cut = new MidiClip(clip.sequence(), clip.startSeconds(),
                            Math.min(seconds, clip.durationSeconds()));
                    Audio audio = renderers.get().render(cut).toMono();
                    return audio.peak() < 1e-4 ? null
                            : SpectralFrames.of(audio.samples(), sampleRate, MEL_BANDS);
                }));
            }
            List<String> ids = new ArrayList<>();
            List<Object> labels = new ArrayList<>();
            Map<FeatureSet, List<double[]>> rows = new EnumMap<>(FeatureSet.class);
            int silent = 0;
            for (int i = 0; i < specs.size(); i++) {
                SpectralFrames f = frames.get(i).get();
                if (f == null) {
                    silent++;
                    continue;
                }
                ids.add(specs.get(i).clipId());
                labels.add(specs.get(i).labels().get(concept.probedLabel()));
                for (FeatureSet set : FeatureSet.values()) {
                    rows.computeIfAbsent(set, k -> new ArrayList<>()).add(set.pool(f));
                }
            }
            Map<FeatureSet, double[][]> out = new EnumMap<>(FeatureSet.class);
            rows.forEach((k, v) -> out.put(k, v.toArray(new double[0][])));
            return new Clips(concept, List.copyOf(ids), List.copyOf(labels), out, silent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + concept.id(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("rendering " + concept.id() + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
