package org.musicrfm.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.musicrfm.eval.ProbeWriter;
import org.musicrfm.io.AtomicFiles;
import org.musicrfm.provenance.DoneMarker;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.search.ConceptProbes;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * The finished units of a {@code train} output, in {@value #FOLDER}/ beside the staged probes: per
 * unit its results ({@code <unit>.result}) and, written last, its done marker ({@code <unit>.done},
 * with the unit's identity and the clips it consumed). A re-run reuses a unit whose marker holds the
 * wanted identity and recomputes the others; units that no longer belong are removed.
 */
final class TrainUnits {

    static final String FOLDER = ProbeWriter.STAGING;
    private static final String DONE = ".done";
    private static final String RESULT = ".result";

    private TrainUnits() {}

    /** A unit's file-safe name: {@code layer<L>} for a whole layer, {@code layer<L>.<target>} otherwise. */
    static String name(int layer, String target) {
        if (target.equals(TrainJob.ALL_TARGETS)) {
            return "layer" + layer;
        }
        if (target.equals(ProbeKind.MULTICLASS_TARGET)) {
            return "layer" + layer + ".multiclass";
        }
        String safe = target.replaceAll("[^A-Za-z0-9_-]", "_");
        return "layer" + layer + ".t-" + (safe.equals(target) ? safe
                : safe + "-" + UnitIdentity.sha256(target).substring(0, 8));
    }

    static Path marker(Path out, String unit) {
        return out.resolve(FOLDER).resolve(unit + DONE);
    }

    static Path resultFile(Path out, String unit) {
        return out.resolve(FOLDER).resolve(unit + RESULT);
    }

    /** True when the unit's marker holds its identity and its results are there. */
    static boolean done(Path out, TrainJob.Unit u) throws IOException {
        return DoneMarker.matches(marker(out, u.name()), u.identity()) && Files.isRegularFile(resultFile(out, u.name()));
    }

    /** Writes a unit's results, then its marker (both atomically). */
    static void save(Path out, TrainJob.Unit u, List<String> clips, List<ConceptProbes.Fit> results)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(new ArrayList<>(results));
        }
        AtomicFiles.write(resultFile(out, u.name()), bytes.toByteArray());
        new DoneMarker(u.name(), "layer=" + u.layer(), u.identity(), clips, u.fields()).write(marker(out, u.name()));
    }

    /** A finished unit's results; null when they cannot be read (the unit is then recomputed). */
    @SuppressWarnings("unchecked")
    static List<ConceptProbes.Fit> load(Path out, TrainJob.Unit u) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
                Files.readAllBytes(resultFile(out, u.name()))))) {
            return (List<ConceptProbes.Fit>) in.readObject();
        } catch (ClassNotFoundException | java.io.ObjectStreamException | ClassCastException e) {
            return null;
        }
    }

    /** Removes a unit's marker, then its results. */
    static void remove(Path out, String unit) throws IOException {
        Files.deleteIfExists(marker(out, unit));
        Files.deleteIfExists(resultFile(out, unit));
    }

    /**
     * Removes the markers and results of units that are not among {@code units}, or whose marker
     * holds another identity, or that have no marker (a killed unit); returns the names removed.
     */
    static List<String> removeStale(Path out, List<TrainJob.Unit> units) throws IOException {
        Path folder = out.resolve(FOLDER);
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return removed;
        }
        Set<String> names;
        try (Stream<Path> s = Files.list(folder)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(DONE) || n.endsWith(RESULT))
                    .map(n -> n.substring(0, n.lastIndexOf('.'))).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        for (String n : names) {
            TrainJob.Unit u = units.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
            if (u == null || !done(out, u)) {
                remove(out, n);
                removed.add(n);
            }
        }
        return removed;
    }
}
