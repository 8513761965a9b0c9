package org.musicrfm.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.provenance.FolderManifest;
import org.musicrfm.provenance.IdentityMismatchException;
import org.musicrfm.provenance.Leftovers;

/**
 * A SynTheory dataset folder on re-runs: which existing clips may stay. Clips are kept when their
 * audio is the same under the new options; the others are deleted before rendering.
 */
public final class SynTheoryFolder {

    private SynTheoryFolder() {}

    /**
     * Refuses a folder whose audio was made with another format or SoundFont, or that holds
     * {@code audio/} without a manifest.
     */
    public static void checkReusable(Location root, FolderManifest manifest, FolderManifest existing)
            throws IOException {
        if (existing == null && Storage.get().isDirectory(root.resolve("audio"))) {
            throw new IdentityMismatchException("syntheory: " + root + " holds audio/ without a "
                    + FolderManifest.FILE + " (made by an older version); write to another --out, or pass"
                    + " --overwrite to clear the folder's outputs and start afresh");
        }
        manifest.checkSameAs(existing, SynTheoryRendering.FIXED, root);
    }

    /**
     * Deletes the clips the new run would render differently: those the selection does not name,
     * and, when the base seed changed, those whose crop depends on it.
     */
    public static void removeStale(SparkSession spark, Location root, List<ClipSpec> selected,
                                   FolderManifest existing, long seed) throws IOException {
        removeUnselected(root, selected);
        if (existing != null && !existing.get("seed").equals(Long.toString(seed))) {
            removeChangedBySeed(spark, root, selected, Long.parseLong(existing.get("seed")), seed);
        }
    }

    /** Deletes WAV files under {@code audio/} that the selection does not name (clips of an old subset). */
    public static int removeUnselected(Location root, List<ClipSpec> selected) throws IOException {
        Storage storage = Storage.get();
        Location audio = root.resolve("audio");
        if (!storage.isDirectory(audio)) {
            return 0;
        }
        Set<Location> keep = new HashSet<>();
        for (ClipSpec s : selected) {
            keep.add(root.resolve(SynTheoryClipWriter.relativePath(s)));
        }
        List<Location> orphans = storage.files(audio).stream().filter(p -> !keep.contains(p)).toList();
        for (Location p : orphans) {
            storage.delete(p);
        }
        Leftovers.removeEmptyFolders(audio);
        return orphans.size();
    }

    /** Deletes existing clips whose audio differs between the folder's old seed and the new one (crops). */
    public static void removeChangedBySeed(SparkSession spark, Location root, List<ClipSpec> selected, long oldSeed,
                                           long newSeed) throws IOException {
        Storage storage = Storage.get();
        List<SynTheoryClipIndex> present = new ArrayList<>();
        for (ClipSpec s : selected) {
            if (storage.isFile(root.resolve(SynTheoryClipWriter.relativePath(s)))) {
                present.add(SynTheoryClipIndex.of(s));
            }
        }
        if (present.isEmpty()) {
            return;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("syntheory: clips changed by the new seed");
        jsc.parallelize(present, Math.max(1, Math.min(present.size() / 64, 64))).foreach(t -> {
            ClipSpec spec = t.spec();
            if (!SynTheoryClipWriter.sameUnderSeeds(spec, oldSeed, newSeed)) {
                Storage.get().delete(root.resolve(SynTheoryClipWriter.relativePath(spec)));
            }
        });
    }
}
