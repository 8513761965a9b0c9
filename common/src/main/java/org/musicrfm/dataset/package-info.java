/**
 * Datasets: the SynTheory music-theory generator (configuration spaces, MIDI construction) and the
 * MusicBench loader, and what builds their dataset tables: the SynTheory selection, rendering tasks,
 * metadata and re-run cleanup ({@link org.musicrfm.dataset.SynTheoryMetadata},
 * {@link org.musicrfm.dataset.SynTheoryFolder}), MusicBench's input checks, audio facts and tables
 * ({@link org.musicrfm.dataset.MusicBenchTable}). Synthesis itself is in {@link org.musicrfm.audio}.
 *
 * <p><b>SynTheory</b> (Wei et al. 2024, brown-palm/syntheory) is re-implemented from its source:
 * {@link org.musicrfm.dataset.SynTheory} gives one {@link org.musicrfm.dataset.ConceptGenerator}
 * per {@link org.musicrfm.dataset.Concept}, enumerating exactly SynTheory's configurations in its
 * own order (tempos 4,025; time_signatures 1,200; notes 9,936; intervals 39,744; scales 15,456;
 * chords 13,248; chord_progressions 20,976) with the label columns of its info.csv, and building
 * each clip's MIDI event for event as upstream does (480 ticks per beat, channel 2 at velocity 64
 * for tonal clips, click tracks on the configured channel with CC 91 reverb); a parity test pins
 * digests of upstream's own messages.
 *
 * <ul>
 *   <li>Clip ids are {@code <concept>/<upstream file stem>}, '#' spelled "sharp" and quotes
 *       dropped, e.g. {@code chords/Gsharp_aug_64_0_Acoustic_Grand_Piano},
 *       {@code tempos/120_bpm_taiko_offset_3}.</li>
 *   <li>Tonal clips keep [0, end of MIDI) (4.0 s). Tempo and time-signature clips keep a 4 s crop
 *       of the rendered click track, as upstream, but seeded: the crop start is
 *       {@code new SplittableRandom(seed).nextDouble() * (L - 4)}, L = 20 s (tempos) or 30 s
 *       (time signatures), upstream's trimmed length. Pass
 *       {@link org.musicrfm.dataset.ClipSeeds#seed}{@code (baseSeed, clipId)} as the seed so crops
 *       never depend on partitioning; record the start as upstream's {@code offset_time}.</li>
 *   <li>Rendering outputs ({@code is_silent}, file paths, {@code synth_soundfont},
 *       {@code offset_time}) are not labels here. Upstream rendered with rustysynth; a Gervill
 *       rendering with the same SoundFont has the same labels and MIDI but not the same samples
 *       (timbre, reverb, which clips are silent).</li>
 * </ul>
 *
 * <p><b>MusicBench</b> (amaai-lab/MusicBench, real music, 10 s clips) is read from its JSON-lines
 * files by {@link org.musicrfm.dataset.MusicBenchReader}; {@link org.musicrfm.dataset.MusicBenchClip}
 * gives each audio file its labels (24 keys with enharmonic spellings unified by
 * {@link org.musicrfm.dataset.MusicKey}, tonic, mode, bpm, beat count) and the source id that its
 * augmented copies share ({@link org.musicrfm.dataset.MusicBenchSources}), so that
 * {@link org.musicrfm.dataset.StratifiedSplit} keeps a recording on one side of a split.
 */
package org.musicrfm.dataset;
