package org.musicrfm.activations;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

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
            f = switch (c.type()) {
                case LabelColumn.STRING -> f.optionalString(c.name());
                case LabelColumn.INT -> f.optionalInt(c.name());
                case LabelColumn.LONG -> f.optionalLong(c.name());
                case LabelColumn.DOUBLE -> f.optionalDouble(c.name());
                case LabelColumn.FLOAT -> f.optionalFloat(c.name());
                case LabelColumn.BOOLEAN -> f.optionalBoolean(c.name());
                default -> throw new IllegalArgumentException("label column " + c.name() + ": unsupported type " + c.type());
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
}
