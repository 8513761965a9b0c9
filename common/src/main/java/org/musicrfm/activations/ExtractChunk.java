package org.musicrfm.activations;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.musicrfm.dataset.LabelColumn;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.provenance.DoneMarker;
import org.musicrfm.provenance.StableChunks;
import org.musicrfm.provenance.UnitIdentity;

/**
 * A unit of extraction: about clipsPerChunk clips of one concept; {@code index} is its place in
 * this run, its name carries its identity so that files of different identities never share a name.
 */
public record ExtractChunk(String concept, int index, List<ClipActivations.Clip> clips, String identity,
                           SortedMap<String, String> fields) implements Serializable {

    /** The folder of done markers and error lists inside an extract output. */
    public static final String FOLDER = "_chunks";

    public ExtractChunk {
        fields = new TreeMap<>(fields);
    }

    public String name() {
        return concept + "-" + identity.substring(0, 16);
    }

    public DoneMarker marker() {
        return new DoneMarker(name(), concept, identity, clips.stream().map(ClipActivations.Clip::clipId).toList(), fields);
    }

    /** The marker that says the chunk is complete inside output {@code out}. */
    public Path doneMarker(Path out) {
        return out.resolve(FOLDER).resolve(name() + ".done");
    }

    /** The marker that says the chunk is complete inside output {@code out}. */
    public Location doneMarker(Location out) {
        return out.resolve(FOLDER).resolve(name() + ".done");
    }

    /** The chunk's list of failed clips inside output {@code out}. */
    public Path errorsFile(Path out) {
        return out.resolve(FOLDER).resolve(name() + ".errors.json");
    }

    /** The chunk's list of failed clips inside output {@code out}. */
    public Location errorsFile(Location out) {
        return out.resolve(FOLDER).resolve(name() + ".errors.json");
    }

    /**
     * Writes the chunk's extracted rows into output {@code out}: per layer a Parquet file in
     * {@code activations/} and in {@code frames/} where the layer has such rows, then the chunk's
     * error list, then its done marker.
     */
    public void write(Path out, int[] layers, ClipActivations.Rows rows) throws IOException {
        write(Location.of(out), layers, rows);
    }

    /** As {@link #write(Path, int[], ClipActivations.Rows)} into an output on any file system. */
    public void write(Location out, int[] layers, ClipActivations.Rows rows) throws IOException {
        String file = name() + ".parquet";
        for (int i = 0; i < layers.length; i++) {
            if (!rows.pooled().get(i).isEmpty()) {
                ActivationFiles.write(ActivationFiles.partition(out.resolve("activations"), concept, layers[i])
                        .resolve(file), rows.pooledSchema(), rows.pooled().get(i));
            }
            if (!rows.frames().get(i).isEmpty()) {
                ActivationFiles.write(ActivationFiles.partition(out.resolve("frames"), concept, layers[i])
                        .resolve(file), rows.frameSchema(), rows.frames().get(i));
            }
        }
        Storage.get().write(errorsFile(out), ExtractErrors.json(rows.failures()));
        marker().write(doneMarker(out));
    }

    /**
     * Clips of each concept sorted by id and cut into {@link StableChunks} (boundaries set by the clip
     * ids): the same chunks however Spark partitions, and the same chunks for the clips two runs
     * share. A chunk's identity adds its clips' ids, dataset rows (every column) and the SHA-256 of
     * their audio files' bytes to {@code base}: a file replaced in place, even by one of the same
     * size, changes its chunk.
     *
     * @param rows        the dataset rows ordered by clip id
     * @param columns     the dataset table's columns
     * @param fileDigests SHA-256 of each row's audio file ({@code "missing"}, {@code "unreadable"})
     */
    public static List<ExtractChunk> plan(List<Row> rows, List<LabelColumn> labels, List<String> columns,
                                          String datasetName, Path audioRoot, List<String> fileDigests,
                                          int clipsPerChunk, UnitIdentity base) {
        return plan(rows, labels, columns, datasetName, Location.of(audioRoot), fileDigests, clipsPerChunk, base);
    }

    /**
     * As {@link #plan(List, List, List, String, Path, List, int, UnitIdentity)} for audio on any file system: a
     * row's {@code path} is resolved against {@code audioRoot} unless it is absolute or a URI.
     */
    public static List<ExtractChunk> plan(List<Row> rows, List<LabelColumn> labels, List<String> columns,
                                          String datasetName, Location audioRoot, List<String> fileDigests,
                                          int clipsPerChunk, UnitIdentity base) {
        boolean hasConcept = columns.contains("concept");
        boolean hasDataset = columns.contains("dataset");
        List<String> sortedColumns = columns.stream().sorted().toList();
        Map<String, List<ClipActivations.Clip>> byConcept = new LinkedHashMap<>();
        Map<String, String> rowDigests = new HashMap<>();
        for (int n = 0; n < rows.size(); n++) {
            Row r = rows.get(n);
            String concept = hasConcept ? r.getAs("concept") : datasetName;
            Object[] values = new Object[labels.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.getAs(labels.get(i).name());
            }
            String path = r.getAs("path");
            Location file = audioFile(audioRoot, path);
            String clipId = r.getAs("clip_id");
            if (rowDigests.containsKey(clipId)) {
                throw new IllegalArgumentException("dataset table has clip_id '" + clipId + "' more than once");
            }
            StringBuilder row = new StringBuilder();
            for (String c : sortedColumns) {
                row.append(c).append('=').append(String.valueOf((Object) r.getAs(c))).append('\t');
            }
            row.append("file_sha256=").append(fileDigests.get(n));
            rowDigests.put(clipId, UnitIdentity.sha256(row.toString()));
            byConcept.computeIfAbsent(concept, k -> new ArrayList<>()).add(new ClipActivations.Clip(clipId,
                    file.toString(), hasDataset ? r.getAs("dataset") : datasetName, values));
        }
        List<ExtractChunk> out = new ArrayList<>();
        byConcept.forEach((concept, clips) -> {
            List<List<ClipActivations.Clip>> cut = StableChunks.cut(clips, ClipActivations.Clip::clipId, clipsPerChunk);
            for (int i = 0; i < cut.size(); i++) {
                StringBuilder ids = new StringBuilder();
                for (ClipActivations.Clip c : cut.get(i)) {
                    ids.append(c.clipId()).append(' ').append(rowDigests.get(c.clipId())).append('\n');
                }
                UnitIdentity id = base.with("concept", concept).with("clips", UnitIdentity.sha256(ids.toString()));
                out.add(new ExtractChunk(concept, i, new ArrayList<>(cut.get(i)), id.digest(), id.fields()));
            }
        });
        return out;
    }

    /** A row's audio: {@code path} under {@code audioRoot}, or {@code path} itself when it is absolute or a URI. */
    public static Location audioFile(Location audioRoot, String path) {
        return org.musicrfm.io.Locations.scheme(path) != null ? Location.parse(path, "path") : audioRoot.resolve(path);
    }
}
