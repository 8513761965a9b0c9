package org.musicrfm.eval;

/**
 * Where a persisted probe came from: the model (name, compatibility key, fingerprint, decoder
 * width and depth), how its activations were read and pooled, the data (dataset, concept, label
 * column, split seed), the search seed and the software version.
 */
public record ProbeProvenance(String modelName, String compatibilityKey, String fingerprint, int hiddenSize,
                              int numLayers, String reading, String pooling, String dataset, String concept,
                              String label, long splitSeed, long searchSeed, String softwareVersion)
        implements java.io.Serializable {

    public ProbeProvenance {
        if (compatibilityKey == null || compatibilityKey.isBlank()) {
            throw new IllegalArgumentException("probe provenance needs the model's compatibility key");
        }
        if (reading == null || pooling == null || concept == null || label == null) {
            throw new IllegalArgumentException("probe provenance needs reading, pooling, concept and label, got "
                    + reading + ", " + pooling + ", " + concept + ", " + label);
        }
    }
}
