package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.musicrfm.io.Location;

/**
 * MusicBench's dataset table with the SynTheory metadata's contract ({@code concept}, {@code clip_id},
 * label columns, {@code path}, audio facts), and its {@code errors} table: clips whose audio could
 * not be read and malformed lines.
 *
 * @param rows     dataset rows, one per readable clip
 * @param errors   error rows
 * @param sources  distinct source recordings among the rows
 * @param withKey  rows with a trusted key
 * @param withBpm  rows with a tempo
 */
public record MusicBenchTable(List<Row> rows, List<Row> errors, long sources, long withKey, long withBpm) {

    /** The concept partition of the activation table that MusicBench clips land in. */
    public static final String CONCEPT = "musicbench";

    /** The errors table's schema. */
    public static final StructType ERRORS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.IntegerType, false),
            DataTypes.createStructField("clip_id", DataTypes.StringType, true),
            DataTypes.createStructField("path", DataTypes.StringType, true),
            DataTypes.createStructField("error", DataTypes.StringType, false)));

    /**
     * Builds both tables' rows, clips in the given order, then malformed lines. Fails when no clip's
     * audio under {@code audioRoot} could be read.
     */
    public static MusicBenchTable build(List<MusicBenchClip> clips, List<MusicBenchAudioFile.Facts> facts,
                                        List<MusicBenchReader.Malformed> malformed, double minKeyProb,
                                        Location audioRoot) {
        Map<String, MusicBenchAudioFile.Facts> byClip = new HashMap<>();
        facts.forEach(p -> byClip.put(p.clipId(), p));
        List<Row> rows = new ArrayList<>();
        List<Row> errors = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        long withKey = 0;
        long withBpm = 0;
        for (MusicBenchClip c : clips) {
            MusicBenchAudioFile.Facts p = byClip.get(c.clipId());
            if (p.error() != null) {
                errors.add(RowFactory.create(c.entry().file(), c.entry().line(), c.clipId(), p.path(), p.error()));
                continue;
            }
            rows.add(row(c, p, minKeyProb));
            sources.add(c.sourceId());
            withKey += c.hasTrustedKey(minKeyProb) ? 1 : 0;
            withBpm += c.entry().bpm() != null ? 1 : 0;
        }
        for (MusicBenchReader.Malformed m : malformed) {
            errors.add(RowFactory.create(m.file(), m.line(), null, null, "malformed line: " + m.reason()));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no readable audio: all " + clips.size() + " files under " + audioRoot
                    + " are missing or unreadable (first: " + errors.get(0).getString(4) + ")");
        }
        return new MusicBenchTable(rows, errors, sources.size(), withKey, withBpm);
    }

    /** The dataset table's schema: concept, clip id, label columns (nullable), text and file facts. */
    public static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.addAll(DatasetColumns.LEADING);
        MusicBenchClip.LABELS.forEach((name, type) -> fields.add(DataTypes.createStructField(name, sparkType(type),
                true)));
        fields.addAll(DatasetColumns.MUSICBENCH_TRAILING);
        return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(Class<?> type) {
        if (type == String.class) {
            return DataTypes.StringType;
        } else if (type == Integer.class) {
            return DataTypes.IntegerType;
        } else if (type == Double.class) {
            return DataTypes.DoubleType;
        }
        throw new IllegalArgumentException("unsupported label type " + type);
    }

    private static Row row(MusicBenchClip c, MusicBenchAudioFile.Facts p, double minKeyProb) {
        List<Object> v = new ArrayList<>();
        v.add(CONCEPT);
        v.add(c.clipId());
        v.addAll(c.labelValues(minKeyProb));
        v.add(c.entry().caption());
        v.add(c.entry().altCaption());
        v.add(c.entry().location());
        v.add(p.path());
        v.add(p.durationSeconds());
        v.add(p.sampleRate());
        v.add(p.channels());
        v.add(p.peak());
        v.add(p.peak() < SynTheoryClipWriter.SILENCE_PEAK);
        return RowFactory.create(v.toArray());
    }
}
