package org.musicrfm.eval;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * The probes an evaluation uses, one per concept: of the {@code *.probe.safetensors} files in a
 * folder (the training job's {@code probes/}), the concept's probe with the best validation score
 * (the only one when {@code train --save-probes best} wrote them), and the concept's
 * layer-aggregation model when the folder holds a {@code *.aggregate.safetensors} of it (as the
 * classify job writes into its {@code aggregates/}; at most one per concept).
 *
 * @param files      probe file (absolute path or Hadoop URI) by concept
 * @param aggregates aggregate model file (absolute path or Hadoop URI) by concept
 */
public record ProbeSet(Map<String, String> files, Map<String, String> aggregates) implements Serializable {

    public ProbeSet {
        files = new TreeMap<>(files);
        aggregates = new TreeMap<>(aggregates);
    }

    public ProbeSet(Map<String, String> files) {
        this(files, Map.of());
    }

    public static ProbeSet empty() {
        return new ProbeSet(Map.of());
    }

    /**
     * As {@link #of(Path)} for a folder on any file system {@link Storage} reaches; the files are then
     * named by their URIs, which executors read through {@link Storage} too.
     */
    public static ProbeSet of(Location folder) throws IOException {
        if (folder.isLocal()) {
            return of(folder.localPath());
        }
        Storage storage = Storage.get();
        if (!storage.isDirectory(folder)) {
            throw new IOException("probe folder not found: " + folder);
        }
        List<Location> entries = storage.list(folder);
        Map<String, String> best = new TreeMap<>();
        Map<String, Double> bestScore = new TreeMap<>();
        for (Location p : entries) {
            if (p.name().endsWith(".probe.safetensors")) {
                Probe probe = Probe.load(p);
                String concept = probe.provenance().concept();
                double val = probe.fit().scores().getOrDefault("val", Double.NEGATIVE_INFINITY);
                if (!best.containsKey(concept) || val > bestScore.get(concept)) {
                    best.put(concept, p.toString());
                    bestScore.put(concept, val);
                }
            }
        }
        if (best.isEmpty()) {
            throw new IOException("no *.probe.safetensors files in " + folder
                    + " (write them with train --save-probes)");
        }
        Map<String, String> aggregates = new TreeMap<>();
        for (Location p : entries) {
            if (p.name().endsWith(AggregateProbe.SUFFIX)) {
                String concept = AggregateProbe.load(p).provenance().concept();
                String other = aggregates.put(concept, p.toString());
                if (other != null) {
                    throw new IOException("two aggregate models of concept '" + concept + "' in " + folder + ": "
                            + other + " and " + p + " (keep one)");
                }
            }
        }
        return new ProbeSet(best, aggregates);
    }

    /** Loads every probe of {@code folder} and keeps each concept's best by validation score. */
    public static ProbeSet of(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("probe folder not found: " + folder);
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(folder)) {
            paths = s.filter(p -> p.getFileName().toString().endsWith(".probe.safetensors")).sorted().toList();
        }
        if (paths.isEmpty()) {
            throw new IOException("no *.probe.safetensors files in " + folder + " (write them with train --save-probes)");
        }
        Map<String, String> best = new TreeMap<>();
        Map<String, Double> bestScore = new TreeMap<>();
        for (Path p : paths) {
            Probe probe = Probe.load(p);
            String concept = probe.provenance().concept();
            double val = probe.fit().scores().getOrDefault("val", Double.NEGATIVE_INFINITY);
            if (!best.containsKey(concept) || val > bestScore.get(concept)) {
                best.put(concept, p.toAbsolutePath().toString());
                bestScore.put(concept, val);
            }
        }
        Map<String, String> aggregates = new TreeMap<>();
        List<Path> aggPaths;
        try (Stream<Path> s = Files.list(folder)) {
            aggPaths = s.filter(p -> p.getFileName().toString().endsWith(AggregateProbe.SUFFIX)).sorted().toList();
        }
        for (Path p : aggPaths) {
            AggregateProbe a = AggregateProbe.load(p);
            String concept = a.provenance().concept();
            String other = aggregates.put(concept, p.toAbsolutePath().toString());
            if (other != null) {
                throw new IOException("two aggregate models of concept '" + concept + "' in " + folder + ": " + other
                        + " and " + p.toAbsolutePath() + " (keep one)");
            }
        }
        return new ProbeSet(best, aggregates);
    }

    /**
     * Throws, naming the probe file and both models, unless every probe was trained on activations of
     * {@code model} (same compatibility key and fingerprint).
     */
    public void requireModel(SourceModel model) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String f : files.values()) {
            ProbeProvenance p = Probe.load(Location.parse(f, "probe")).provenance();
            if (!p.compatibilityKey().equals(model.compatibilityKey())
                    || (p.fingerprint() != null && !p.fingerprint().equals(model.fingerprint()))) {
                wrong.add(f + " (trained on " + p.modelName() + ", fingerprint " + p.fingerprint() + ")");
            }
        }
        for (String f : aggregates.values()) {
            ProbeProvenance p = AggregateProbe.load(Location.parse(f, "probe")).provenance();
            if (!p.compatibilityKey().equals(model.compatibilityKey())
                    || (p.fingerprint() != null && !p.fingerprint().equals(model.fingerprint()))) {
                wrong.add(f + " (fit on " + p.modelName() + ", fingerprint " + p.fingerprint() + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("probes of another model than " + model.folder() + " (fingerprint "
                    + model.fingerprint() + "): " + String.join("; ", wrong));
        }
    }

    /** The aggregate model file of {@code concept}, or null. */
    public String aggregateFor(String concept) {
        return concept == null ? null : aggregates.get(concept);
    }

    /** The probe file of {@code concept}, or null. */
    public String fileFor(String concept) {
        return concept == null ? null : files.get(concept);
    }
}
