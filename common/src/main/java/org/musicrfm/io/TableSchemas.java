package org.musicrfm.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Building blocks of the pipeline's Parquet table schemas (every column nullable, as Spark reads them back). */
public final class TableSchemas {

    private TableSchemas() {}

    /** A nullable column. */
    public static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /** The columns of {@code parts} in order, as one schema. */
    @SafeVarargs
    public static StructType schema(List<StructField>... parts) {
        List<StructField> all = new ArrayList<>();
        for (List<StructField> p : parts) {
            all.addAll(p);
        }
        return DataTypes.createStructType(all);
    }
}
