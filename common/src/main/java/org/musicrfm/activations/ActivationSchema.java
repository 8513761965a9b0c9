package org.musicrfm.activations;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.musicrfm.dataset.LabelColumn;

/**
 * Avro schema of the activation files: {@code clip_id}, {@code dataset}, the label columns
 * (nullable), {@code pooling}, optionally {@code frame}, {@code vector} (array of float),
 * {@code clip_seconds} (the length of audio the model read, cut or zero-padded) and
 * {@code model_fingerprint}. {@code concept} and {@code layer} are partition folders.
 */
public final class ActivationSchema {

    private ActivationSchema() {}

    public static Schema of(List<LabelColumn> labels, boolean perFrame) {
        SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record("activation").namespace("org.musicrfm")
                .fields()
                .requiredString("clip_id")
                .requiredString("dataset");
        for (LabelColumn c : labels) {
            f = switch (avroType(c)) {
                case "string" -> f.optionalString(c.name());
                case "int" -> f.optionalInt(c.name());
                case "long" -> f.optionalLong(c.name());
                case "double" -> f.optionalDouble(c.name());
                case "float" -> f.optionalFloat(c.name());
                default -> f.optionalBoolean(c.name());
            };
        }
        f = f.requiredString("pooling");
        if (perFrame) {
            f = f.requiredInt("frame");
        }
        return f.name("vector").type().array().items().floatType().noDefault()
                .optionalDouble("clip_seconds")
                .requiredString("model_fingerprint")
                .endRecord();
    }

    /** The Avro type name of a label column: string, int, long, double, float or boolean. */
    public static String avroType(LabelColumn c) {
        Class<?> t = c.type();
        if (t == String.class) {
            return "string";
        } else if (t == Integer.class) {
            return "int";
        } else if (t == Long.class) {
            return "long";
        } else if (t == Double.class) {
            return "double";
        } else if (t == Float.class) {
            return "float";
        } else if (t == Boolean.class) {
            return "boolean";
        }
        throw new IllegalArgumentException("label column " + c.name() + ": unsupported type " + t.getName());
    }

    /**
     * The label columns as a chunk's identity records them:
     * {@code [LabelColumn[name=<name>, type=<avro type>], …]}.
     */
    public static String identity(List<LabelColumn> labels) {
        return labels.stream().map(c -> "LabelColumn[name=" + c.name() + ", type=" + avroType(c) + "]").toList().toString();
    }
}
