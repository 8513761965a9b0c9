package org.musicrfm.steering.sweep;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.steering.SteeringPack;

/**
 * The packs of a sweep, read and checked on the driver: each pack by name, its file (an absolute path or a
 * Hadoop URI) and
 * the digest of its bytes, which the rows record as the directions a clip was steered with.
 */
public record SweepPacks(Map<String, SteeringPack> packs, Map<String, String> files, Map<String, String> fingerprints) {

    /** Reads every pack of {@code files} (by name) and requires it to fit the model {@code identity}. */
    public static SweepPacks load(Map<String, String> files, ModelIdentity identity) throws IOException {
        Map<String, String> absolute = new LinkedHashMap<>(files);
        Map<String, SteeringPack> packs = new LinkedHashMap<>();
        Map<String, String> fingerprints = new TreeMap<>();
        for (var e : files.entrySet()) {
            Location f = Storage.get().location(e.getValue(), "packs." + e.getKey());
            if (!Storage.get().isFile(f)) {
                throw new IllegalArgumentException("packs." + e.getKey() + ": no such file " + f);
            }
            SteeringPack p = SteeringPack.read(f);
            try {
                p.requireCompatible(identity);
            } catch (RuntimeException x) {
                throw new IllegalArgumentException("packs." + e.getKey() + ": " + x.getMessage(), x);
            }
            packs.put(e.getKey(), p);
            fingerprints.put(e.getKey(), fileDigest(f));
            absolute.put(e.getKey(), f.toString());
        }
        return new SweepPacks(packs, absolute, fingerprints);
    }

    /** SHA-256 (hex, 24 digits) of a pack file's bytes: which directions a clip was steered with. */
    static String fileDigest(Location f) throws IOException {
        return Storage.get().sha256(f).substring(0, 24);
    }
}
