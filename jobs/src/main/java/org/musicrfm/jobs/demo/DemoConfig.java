package org.musicrfm.jobs.demo;

import java.util.List;

/**
 * What the demo runs.
 *
 * @param output    output folder; every stage writes a subfolder of it
 * @param model     MusicGen snapshot folder, or null for a tiny random-weight checkpoint in {@code output/model}
 * @param clap      CLAP snapshot folder, or null for a tiny random-weight CLAP in {@code output/clap}
 * @param clips     SynTheory notes clips
 * @param trials    search trials per probe and layer
 * @param targets   pitch classes the sweep steers towards (classes of the notes pack)
 * @param etas      η0 values of the sweep
 * @param prompts   prompts of the sweep (one clip per prompt and condition)
 * @param seconds   length of the generated clips
 * @param soundfont SoundFont path, or {@code builtin}
 */
public record DemoConfig(String output, String model, String clap, int clips, int trials, List<String> targets,
                         List<Double> etas, List<String> prompts, double seconds, String soundfont) {

    /** Prompts of the default sweep. */
    public static final List<String> PROMPTS = List.of("a calm piano melody", "an upbeat jazz trio");

    public DemoConfig {
        targets = List.copyOf(targets);
        etas = List.copyOf(etas);
        prompts = List.copyOf(prompts);
        if (clips <= 0 || trials <= 0) {
            throw new IllegalArgumentException("clips and trials must be positive, got " + clips + " and " + trials);
        }
        if (targets.isEmpty() || etas.isEmpty() || prompts.isEmpty()) {
            throw new IllegalArgumentException("the sweep needs at least one target, one eta and one prompt");
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be positive, got " + seconds);
        }
    }

    /** The embedded default: 60 notes clips, 8 trials, C and G × η0 0.3 and 0.6 plus unsteered, 2 prompts, 4 s. */
    public static DemoConfig defaults(String output) {
        return new DemoConfig(output, null, null, 60, 8, List.of("C", "G"), List.of(0.3, 0.6), PROMPTS, 4,
                "/usr/share/sounds/sf2/TimGM6mb.sf2");
    }
}
