package org.musicrfm.steering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.rfm.search.ConceptProbes;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.search.TrialResult;

/**
 * A concept's steering pack assembled from its fitted probes: per class (one-vs-rest probes; the
 * label for regression) and layer the best probe's AGOP eigenvectors and eigenvalues, validation
 * score, hyperparameters and metrics; the multiclass probe steers nothing and is left out.
 */
public final class ConceptPack {

    private ConceptPack() {}

    /**
     * The pack's builder (dataset, seeds and other provenance are the caller's to add).
     *
     * @param label  the probed label column (class names are displayed with it, {@link ClassLabels})
     * @param fits   the fitted probes, each of layer {@code layers.get(i)}
     */
    public static SteeringPack.Builder of(String concept, String label, ModelIdentity identity, String modelName,
                                          int hiddenSize, int numLayers, List<ConceptProbes.Fit> fits,
                                          List<Integer> layers) {
        Map<String, Map<Integer, LayerDirection>> classes = new LinkedHashMap<>();
        String metric = null;
        boolean lower = false;
        for (int i = 0; i < fits.size(); i++) {
            ConceptProbes.Fit r = fits.get(i);
            if (r.target().equals(ProbeKind.MULTICLASS_TARGET)) {
                continue;
            }
            var m = r.kind().defaultMetric();
            metric = m.name().toLowerCase();
            lower = !m.maximize();
            TrialResult b = r.best();
            SortedMap<String, Double> hyper = new TreeMap<>(Map.of("bandwidth", b.task().params().bandwidth(),
                    "reg", b.task().params().reg(), "center_grads", b.task().params().centerGrads() ? 1.0 : 0.0,
                    "exponent", b.task().params().exponent(), "best_iter", (double) b.bestIter(),
                    "trial", (double) b.task().trial()));
            SortedMap<String, Double> metrics = new TreeMap<>();
            b.val().putInto(metrics, "val");
            b.test().putInto(metrics, "test");
            float[] eig = new float[r.eigenvalues().length];
            for (int k = 0; k < eig.length; k++) {
                eig[k] = (float) r.eigenvalues()[k];
            }
            classes.computeIfAbsent(r.target(), k -> new TreeMap<>()).put(layers.get(i),
                    new LayerDirection(r.directions(), eig, b.val().get(m), hyper, metrics));
        }
        SteeringPack.Builder pack = SteeringPack.builder(concept, identity, hiddenSize, numLayers)
                .modelName(modelName)
                .scoring(metric, lower);
        classes.forEach((target, layerDirections) -> pack.addClass(ClassLabels.display(label, target),
                layerDirections));
        return pack;
    }
}
