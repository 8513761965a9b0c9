package org.musicrfm.steering;

/**
 * Where a steering pack came from: the model (name, {@link org.musicrfm.model.io.ModelIdentity}
 * compatibility key and fingerprint, decoder width and depth), the data (dataset, concept, split
 * seed) and the software version that trained it. {@code splitSeed} may be null when unknown.
 * {@code training} says how the probes were trained (pooling, reading, label, trials, seeds, the
 * activation table's fingerprint); empty for packs that do not record it.
 */
public record PackProvenance(String modelName, String compatibilityKey, String fingerprint, int hiddenSize,
                             int numLayers, String dataset, String concept, Long splitSeed, String softwareVersion,
                             java.util.SortedMap<String, String> training) {

    public PackProvenance(String modelName, String compatibilityKey, String fingerprint, int hiddenSize,
                          int numLayers, String dataset, String concept, Long splitSeed, String softwareVersion) {
        this(modelName, compatibilityKey, fingerprint, hiddenSize, numLayers, dataset, concept, splitSeed,
                softwareVersion, null);
    }

    public PackProvenance {
        training = java.util.Collections.unmodifiableSortedMap(training == null ? new java.util.TreeMap<>()
                : new java.util.TreeMap<>(training));
        if (compatibilityKey == null || compatibilityKey.isBlank()) {
            throw new IllegalArgumentException("pack provenance needs the model's compatibility key");
        }
        if (hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException("pack provenance: hidden size " + hiddenSize + " and layers " + numLayers
                    + " must be positive");
        }
        if (concept == null || concept.isBlank()) {
            throw new IllegalArgumentException("pack provenance: concept is empty");
        }
    }
}
