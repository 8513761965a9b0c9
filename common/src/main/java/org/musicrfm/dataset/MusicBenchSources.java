package org.musicrfm.dataset;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording each MusicBench clip comes from. MusicBench keeps a MusicCaps recording as
 * {@code data/<id>.wav} and its augmented copies (pitch-shifted, tempo-changed, volume-changed) as
 * {@code data_aug2/<id>_<j>.wav}; a copy shares its original's source id so that a split never puts
 * one recording on both sides. YouTube ids may themselves contain '_', so a trailing
 * {@code _<digits>} is removed only when there is evidence that the file is a copy: it lies in a
 * folder whose name contains "aug", or the rest of its name is another listed file's stem, or
 * another listed file has the same rest with another {@code _<digits>} ending.
 */
public final class MusicBenchSources {

    private static final Pattern COPY = Pattern.compile("(.+)_(\\d+)");

    private MusicBenchSources() {}

    /** The source id of every location (a path relative to the audio root), in the given order. */
    public static Map<String, String> assign(Collection<String> locations) {
        Set<String> stems = new HashSet<>();
        Map<String, Integer> bases = new HashMap<>();
        for (String loc : locations) {
            String stem = stem(loc);
            stems.add(stem);
            Matcher m = COPY.matcher(stem);
            if (m.matches()) {
                bases.merge(m.group(1), 1, Integer::sum);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String loc : locations) {
            String stem = stem(loc);
            Matcher m = COPY.matcher(stem);
            String source = stem;
            if (m.matches()) {
                String base = m.group(1);
                if (inAugmentationFolder(loc) || stems.contains(base) || bases.get(base) > 1) {
                    source = base;
                }
            }
            out.put(loc, source);
        }
        return out;
    }

    /** The file name without folders and extension: {@code data_aug2/-0SdAVK79lg_1.wav} → {@code -0SdAVK79lg_1}. */
    public static String stem(String location) {
        String s = location.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static boolean inAugmentationFolder(String location) {
        String s = location.replace('\\', '/');
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String folder = s.substring(0, slash);
        folder = folder.substring(folder.lastIndexOf('/') + 1);
        return folder.toLowerCase(Locale.ROOT).contains("aug");
    }
}
