package org.musicrfm.model.musicgen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Generates some of a prompt list's outputs, decoding runs of consecutive prompt indices together
 * (at most {@code batchSize} each); a prompt's sampling seed derives from its index, so results do
 * not depend on the batch split.
 *
 * @param audio      each prompt's audio, null for the prompts not generated
 * @param frames     frames per output (0 when nothing was generated)
 * @param sampleRate the audio's rate (0 when nothing was generated)
 */
public record BatchedGeneration(List<float[]> audio, int frames, int sampleRate) {

    /**
     * Generates the prompts of {@code config} at the indices {@code todo} (ascending).
     *
     * @param listeners gives the step listener of each decoded batch, in order
     */
    public static BatchedGeneration of(MusicgenGenerator generator, GenerationConfig config, List<Integer> todo,
                                       int batchSize, Supplier<StepListener> listeners) {
        List<String> texts = config.prompts();
        List<float[]> audio = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            audio.add(null);
        }
        int frames = 0;
        int rate = 0;
        for (int[] run : batches(todo, batchSize)) {
            Generation g = generator.generate(config.toBuilder().prompts(texts.subList(run[0], run[1]))
                    .firstPromptIndex(run[0]).build(), null, listeners.get());
            for (int i = run[0]; i < run[1]; i++) {
                audio.set(i, g.audio()[i - run[0]]);
            }
            frames = g.frames();
            rate = g.sampleRate();
        }
        return new BatchedGeneration(audio, frames, rate);
    }

    /** Indices to generate, cut into runs of consecutive indices of at most {@code batchSize}: [from, to). */
    public static List<int[]> batches(List<Integer> todo, int batchSize) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < todo.size()) {
            int from = todo.get(i);
            int to = from + 1;
            i++;
            while (i < todo.size() && todo.get(i) == to && to - from < batchSize) {
                to++;
                i++;
            }
            runs.add(new int[] {from, to});
        }
        return runs;
    }
}
