package org.musicrfm.eval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.provenance.DoneMarker;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.search.ConceptProbes;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * The finished units of a probe-training output, in {@value #FOLDER}/ beside the staged probes: per
 * unit its results ({@code <unit>.result}) and, written last, its done marker ({@code <unit>.done},
 * with the unit's identity and the clips it consumed). A re-run reuses a unit whose marker holds the
 * wanted identity and recomputes the others; units that no longer belong are removed.
 */
public final class ProbeUnits {

    public static final String FOLDER = ProbeWriter.STAGING;
    private static final String DONE = ".done";
    private static final String RESULT = ".result";

    /**
     * One Spark task and one reusable unit: the trials of one (target, layer) probe, or of all targets
     * of a layer ({@link #ALL_TARGETS}); {@code rows} is the digest of the layer's activation rows and
     * {@code identity} the unit's identity digest ({@code fields} its parts).
     */
    public record Unit(int layer, String target, String name, String rows, String identity,
                       SortedMap<String, String> fields) implements java.io.Serializable {

        public Unit {
            fields = new TreeMap<>(fields);
        }
    }

    /** The fits of a run's units, in unit order, each with its layer. */
    public record Fits(List<ConceptProbes.Fit> fits, List<Integer> layers) {}

    /** The target of a unit that searches all targets of its layer together. */
    public static final String ALL_TARGETS = "\u0000all";

    private ProbeUnits() {}

    /** A unit's file-safe name: {@code layer<L>} for a whole layer, {@code layer<L>.<target>} otherwise. */
    public static String name(int layer, String target) {
        if (target.equals(ALL_TARGETS)) {
            return "layer" + layer;
        }
        if (target.equals(ProbeKind.MULTICLASS_TARGET)) {
            return "layer" + layer + ".multiclass";
        }
        String safe = target.replaceAll("[^A-Za-z0-9_-]", "_");
        return "layer" + layer + ".t-" + (safe.equals(target) ? safe
                : safe + "-" + UnitIdentity.sha256(target).substring(0, 8));
    }

    public static Location marker(Location out, String unit) {
        return out.resolve(FOLDER).resolve(unit + DONE);
    }

    public static Location resultFile(Location out, String unit) {
        return out.resolve(FOLDER).resolve(unit + RESULT);
    }

    /** True when the unit's marker holds its identity and its results are there. */
    public static boolean done(Location out, Unit u) throws IOException {
        return DoneMarker.matches(marker(out, u.name()), u.identity()) && Storage.get().isFile(resultFile(out, u.name()));
    }

    /** Writes a unit's results, then its marker (both atomically). */
    public static void save(Path out, Unit u, List<String> clips, List<ConceptProbes.Fit> results)
            throws IOException {
        save(Location.of(out), u, clips, results);
    }

    /** Writes a unit's results, then its marker (both atomically), on any file system {@link Storage} reaches. */
    public static void save(Location out, Unit u, List<String> clips, List<ConceptProbes.Fit> results)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(new ArrayList<>(results));
        }
        Storage.get().write(resultFile(out, u.name()), bytes.toByteArray());
        new DoneMarker(u.name(), "layer=" + u.layer(), u.identity(), clips, u.fields()).write(marker(out, u.name()));
    }

    /** A finished unit's results; null when they cannot be read (the unit is then recomputed). */
    @SuppressWarnings("unchecked")
    public static List<ConceptProbes.Fit> load(Location out, Unit u) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
                Storage.get().readBytes(resultFile(out, u.name()))))) {
            return (List<ConceptProbes.Fit>) in.readObject();
        } catch (ClassNotFoundException | java.io.ObjectStreamException | ClassCastException e) {
            return null;
        }
    }

    /**
     * Splits {@code units} into those an earlier run finished (their results put into {@code kept}
     * by unit name) and those to train, returned in order; a unit that stages the persisted probe is
     * reused only with its staged probe. The marker, results and staged probe of a unit to train are
     * removed.
     */
    public static List<Unit> reuse(Path out, List<Unit> units, ProbeWriter probes,
                                   Map<String, List<ConceptProbes.Fit>> kept) throws IOException {
        return reuse(Location.of(out), units, probes, kept);
    }

    /** As {@link #reuse(Path, List, ProbeWriter, Map)} for an output on any file system. */
    public static List<Unit> reuse(Location out, List<Unit> units, ProbeWriter probes,
                                   Map<String, List<ConceptProbes.Fit>> kept) throws IOException {
        String headline = probes.headline();
        List<Unit> todo = new ArrayList<>();
        for (Unit u : units) {
            boolean headlineUnit = u.target().equals(ALL_TARGETS) || u.target().equals(headline);
            boolean stagesProbe = probes.wants(headline) && headlineUnit;
            List<ConceptProbes.Fit> done = done(out, u)
                    && (!stagesProbe || Storage.get().isFile(probes.staged(u.layer())))
                    ? load(out, u) : null;
            if (done != null) {
                kept.put(u.name(), done);
            } else {
                remove(out, u.name());
                if (headlineUnit) {
                    probes.discard(u.layer());
                }
                todo.add(u);
            }
        }
        return todo;
    }

    /** The fits of {@code units} in order ({@code byUnit}: each unit's fits by unit name). */
    public static Fits fits(List<Unit> units, Map<String, List<ConceptProbes.Fit>> byUnit) {
        List<ConceptProbes.Fit> fits = new ArrayList<>();
        List<Integer> layers = new ArrayList<>();
        for (Unit u : units) {
            for (ConceptProbes.Fit f : byUnit.get(u.name())) {
                fits.add(f);
                layers.add(u.layer());
            }
        }
        return new Fits(fits, layers);
    }

    /** Removes a unit's marker, then its results. */
    public static void remove(Location out, String unit) throws IOException {
        Storage.get().delete(marker(out, unit));
        Storage.get().delete(resultFile(out, unit));
    }

    /**
     * Removes the markers and results of units that are not among {@code units}, or whose marker
     * holds another identity, or that have no marker (a killed unit); returns the names removed.
     */
    public static List<String> removeStale(Path out, List<Unit> units) throws IOException {
        return removeStale(Location.of(out), units);
    }

    /** As {@link #removeStale(Path, List)} for an output on any file system. */
    public static List<String> removeStale(Location out, List<Unit> units) throws IOException {
        Location folder = out.resolve(FOLDER);
        List<String> removed = new ArrayList<>();
        Set<String> names = Storage.get().names(folder).stream().filter(n -> n.endsWith(DONE) || n.endsWith(RESULT))
                .map(n -> n.substring(0, n.lastIndexOf('.'))).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (String n : names) {
            Unit u = units.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
            if (u == null || !done(out, u)) {
                remove(out, n);
                removed.add(n);
            }
        }
        return removed;
    }
}
