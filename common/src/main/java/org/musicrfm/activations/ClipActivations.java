package org.musicrfm.activations;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.musicrfm.audio.ModelInput;
import org.musicrfm.dataset.LabelColumn;
import org.musicrfm.model.musicgen.Activations;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.Pooling;
import org.musicrfm.model.musicgen.Reading;

/**
 * Clips → activation rows: audio loaded and fed to the model in batches, block outputs pooled per
 * layer, and one record per (clip, layer, pooling) — or per frame for {@link Pooling#SEQUENCE} —
 * carrying the clip's id, dataset, labels, clip length and the model's fingerprint. A clip whose
 * audio cannot be read (missing, corrupt, non-finite, silent) is reported, not extracted.
 *
 * @param labels      label columns, in the order of each clip's label values
 * @param layers      decoder blocks to read
 * @param seconds     clip length fed to the model
 * @param fingerprint the model's fingerprint, stamped on every row
 */
public record ClipActivations(Reading reading, Set<Pooling> poolings, int[] layers, List<LabelColumn> labels,
                              double seconds, boolean includeSilent, int batchSize, String fingerprint)
        implements Serializable {

    /** A clip to read: id, absolute audio path, dataset name and label values (in label order). */
    public record Clip(String clipId, String path, String dataset, Object[] labels) implements Serializable {}

    /** A clip whose audio could not be read, with the reason. */
    public record Failure(String clipId, String path, String error) {}

    /** The reading named {@code decoder_only} or {@code empty_text} (any case). */
    public static Reading reading(String name) {
        try {
            return Reading.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown reading '" + name + "'; expected decoder_only or empty_text");
        }
    }

    /** The poolings named mean, last, max or meanstd (any case); per-frame sequences are asked for apart. */
    public static Set<Pooling> poolings(List<String> names) {
        Set<Pooling> out = EnumSet.noneOf(Pooling.class);
        for (String n : names) {
            Pooling p;
            try {
                p = Pooling.valueOf(n.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                p = null;
            }
            if (p == null || p == Pooling.SEQUENCE) {
                throw new IllegalArgumentException("unknown pooling '" + n + "'; expected mean, last, max or meanstd"
                        + " (per-frame sequences: --per-frame)");
            }
            out.add(p);
        }
        return out;
    }

    /**
     * What a list of clips gave: per layer (in {@code layers} order) its pooled rows and its frame
     * rows, and the clips that failed.
     */
    public record Rows(Schema pooledSchema, Schema frameSchema, List<List<GenericRecord>> pooled,
                       List<List<GenericRecord>> frames, List<Failure> failures) {}

    /** Extracts {@code clips} in batches of {@link #batchSize}; {@code done} hears each clip finished or failed. */
    public Rows extract(MusicgenModel model, List<Clip> clips, LongConsumer done) {
        Schema pooledSchema = ActivationSchema.of(labels, false);
        Schema frameSchema = ActivationSchema.of(labels, true);
        List<List<GenericRecord>> pooled = new ArrayList<>();
        List<List<GenericRecord>> frames = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            pooled.add(new ArrayList<>());
            frames.add(new ArrayList<>());
        }
        List<Failure> failures = new ArrayList<>();
        List<Clip> batch = new ArrayList<>();
        List<float[]> audio = new ArrayList<>();
        for (int c = 0; c <= clips.size(); c++) {
            if (c < clips.size()) {
                Clip clip = clips.get(c);
                try {
                    audio.add(ModelInput.load(org.musicrfm.io.Location.parse(clip.path(), "path"), seconds, includeSilent));
                    batch.add(clip);
                } catch (IOException | RuntimeException e) {
                    failures.add(new Failure(clip.clipId(), clip.path(), e.getMessage()));
                    done.accept(1);
                }
            }
            boolean flush = batch.size() == batchSize || (c == clips.size() && !batch.isEmpty());
            if (!flush) {
                continue;
            }
            long[][][] codes = model.encodeAudio(audio.toArray(new float[0][]));
            Activations acts = model.extract(codes, reading, poolings, layers);
            for (int i = 0; i < layers.length; i++) {
                for (int b = 0; b < batch.size(); b++) {
                    for (Pooling p : poolings) {
                        float[] v = acts.get(p, i, b);
                        checkFinite(v, batch.get(b), layers[i], p);
                        if (p == Pooling.SEQUENCE) {
                            for (int f = 0; f < acts.frames(); f++) {
                                float[] frame = Arrays.copyOfRange(v, f * acts.hidden(), (f + 1) * acts.hidden());
                                frames.get(i).add(record(frameSchema, batch.get(b), "frame", f, frame));
                            }
                        } else {
                            pooled.get(i).add(record(pooledSchema, batch.get(b), p.label(), -1, v));
                        }
                    }
                }
            }
            done.accept(batch.size());
            batch.clear();
            audio.clear();
        }
        return new Rows(pooledSchema, frameSchema, pooled, frames, failures);
    }

    private GenericRecord record(Schema schema, Clip clip, String pooling, int frame, float[] vector) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("clip_id", clip.clipId());
        r.put("dataset", clip.dataset());
        for (int i = 0; i < labels.size(); i++) {
            r.put(labels.get(i).name(), clip.labels()[i]);
        }
        r.put("pooling", pooling);
        if (frame >= 0) {
            r.put("frame", frame);
        }
        List<Float> values = new ArrayList<>(vector.length);
        for (float x : vector) {
            values.add(x);
        }
        r.put("vector", values);
        r.put("clip_seconds", seconds);
        r.put("model_fingerprint", fingerprint);
        return r;
    }

    private static void checkFinite(float[] v, Clip clip, int layer, Pooling p) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalStateException("non-finite activation (" + x + ") for clip " + clip.clipId()
                        + " (" + clip.path() + ") at layer " + layer + ", pooling " + p.label());
            }
        }
    }
}
