package org.musicrfm.rfm.benchmark;

import java.io.Serializable;
import java.util.TreeMap;
import org.musicrfm.provenance.UnitIdentity;

/**
 * One unit of a classification benchmark: a target, a method, the target's split and the fields
 * of the unit's identity.
 */
public record ClassifyUnit(ClassifyTarget target, BenchmarkMethod method, BenchmarkSplit split,
                           TreeMap<String, String> fields) implements Serializable {

    public UnitIdentity unitIdentity() {
        return new UnitIdentity(fields);
    }

    public String identity() {
        return unitIdentity().digest();
    }
}
