package org.musicrfm.dataset;

/**
 * One line of a MusicBench JSON-lines file, with the fields this project uses.
 *
 * @param file       the JSON file's path as given to the reader (e.g. {@code /data/MusicBench/MusicBench_train.json})
 * @param line       1-based line number in that file
 * @param subset     the file's subset ({@code train}, {@code test_A}, {@code test_B})
 * @param location   the audio file relative to the audio root (e.g. {@code data_aug2/-0SdAVK79lg_1.wav})
 * @param key        the key, or null when the line has none
 * @param keyProb    the key estimator's strength (MusicBench's {@code keyprob}), or null
 * @param bpm        tempo in beats per minute, or null (MusicBench's {@code bpm} may be null)
 * @param beatCount  beats per bar (the largest beat position in {@code beats}), or null
 */
public record MusicBenchEntry(String file, int line, String subset, String location, String caption,
                              String altCaption, MusicKey key, Double keyProb, Double bpm, Integer beatCount) {}
