package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MusicBench audio file with its labels, one row of the dataset table.
 *
 * @param clipId   the location without its extension, e.g. {@code data_aug2/-0SdAVK79lg_1}
 * @param sourceId the recording it comes from (shared by augmented copies), see {@link MusicBenchSources}
 */
public record MusicBenchClip(MusicBenchEntry entry, String clipId, String sourceId) {

    /** The dataset table's label columns, in order, with their Java types. */
    public static final Map<String, Class<?>> LABELS = labels();

    private static Map<String, Class<?>> labels() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("key", String.class);
        m.put("tonic", String.class);
        m.put("mode", String.class);
        m.put("bpm", Double.class);
        m.put("beat_count", Integer.class);
        m.put("keyprob", Double.class);
        m.put("source_id", String.class);
        m.put("subset", String.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The label values in {@link #LABELS} order. Key, tonic and mode are null when the line has no
     * key or when {@code minKeyProb > 0} and its {@code keyprob} is below it (or missing): such a
     * clip stays in the table for the tempo and beat targets. bpm is null when MusicBench's is.
     */
    public List<Object> labelValues(double minKeyProb) {
        MusicKey key = hasTrustedKey(minKeyProb) ? entry.key() : null;
        List<Object> v = new ArrayList<>(LABELS.size());
        v.add(key == null ? null : key.label());
        v.add(key == null ? null : key.tonicName());
        v.add(key == null ? null : key.mode());
        v.add(entry.bpm());
        v.add(entry.beatCount());
        v.add(entry.keyProb());
        v.add(sourceId);
        v.add(entry.subset());
        return v;
    }

    /** True when the clip's key label is kept under the threshold. */
    public boolean hasTrustedKey(double minKeyProb) {
        if (entry.key() == null) {
            return false;
        }
        return minKeyProb <= 0 || (entry.keyProb() != null && entry.keyProb() >= minKeyProb);
    }

    /** The clip id of a location: its path without extension, separators as '/', no leading "./". */
    public static String clipId(String location) {
        String s = location.replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        int slash = s.lastIndexOf('/');
        int dot = s.lastIndexOf('.');
        return dot > slash + 1 ? s.substring(0, dot) : s;
    }

    /**
     * One clip per audio file, in input order: the first entry of a location wins (MusicBench's test A
     * and test B list the same audio with different captions); later ones are returned as duplicates.
     */
    public static Selection select(List<MusicBenchEntry> entries) {
        Map<String, MusicBenchEntry> first = new LinkedHashMap<>();
        List<MusicBenchEntry> duplicates = new ArrayList<>();
        for (MusicBenchEntry e : entries) {
            if (first.putIfAbsent(clipId(e.location()), e) != null) {
                duplicates.add(e);
            }
        }
        Map<String, String> sources = MusicBenchSources.assign(
                first.values().stream().map(MusicBenchEntry::location).toList());
        List<MusicBenchClip> clips = new ArrayList<>(first.size());
        first.forEach((id, e) -> clips.add(new MusicBenchClip(e, id, sources.get(e.location()))));
        return new Selection(clips, duplicates);
    }

    /** The clips, and the entries dropped because their audio file was already listed. */
    public record Selection(List<MusicBenchClip> clips, List<MusicBenchEntry> duplicates) {}
}
