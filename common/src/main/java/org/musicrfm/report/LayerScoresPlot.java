package org.musicrfm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.musicrfm.rfm.search.ConceptProbes;

/**
 * Probe quality by layer: the headline probe (multiclass, or regression) on validation and test,
 * its linear baseline on test, and for classes the mean one-vs-rest validation AUC.
 */
public final class LayerScoresPlot {

    private LayerScoresPlot() {}

    /**
     * Writes the plot of {@code results} ({@code resultLayers.get(i)} the layer of {@code results.get(i)})
     * over {@code layers}; {@code headline} is the target plotted as the probe.
     */
    public static void write(Path file, String concept, String headline, boolean regression, List<Integer> layers,
                             List<ConceptProbes.Fit> results, List<Integer> resultLayers) throws IOException {
        write(org.musicrfm.io.Location.of(file), concept, headline, regression, layers, results, resultLayers);
    }

    /** As {@link #write(Path, String, String, boolean, List, List, List)} on any file system. */
    public static void write(org.musicrfm.io.Location file, String concept, String headline, boolean regression,
                             List<Integer> layers, List<ConceptProbes.Fit> results, List<Integer> resultLayers)
            throws IOException {
        int n = layers.size();
        double[] x = layers.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] val = new double[n];
        double[] test = new double[n];
        double[] linear = new double[n];
        double[] ovr = new double[n];
        int[] ovrCount = new int[n];
        String metric = "score";
        for (int i = 0; i < results.size(); i++) {
            ConceptProbes.Fit r = results.get(i);
            int k = layers.indexOf(resultLayers.get(i));
            var m = r.kind().defaultMetric();
            if (r.target().equals(headline)) {
                metric = m.name().toLowerCase();
                val[k] = r.best().val().get(m);
                test[k] = r.best().test().get(m);
                linear[k] = r.linearTest().get(m);
            } else {
                ovr[k] += r.best().val().auc();
                ovrCount[k]++;
            }
        }
        LinePlot plot = new LinePlot(concept + ": probe " + metric + " by layer", "layer", metric, x)
                .add("RFM val", val).add("RFM test", test).add("linear test", linear);
        if (!regression) {
            for (int k = 0; k < n; k++) {
                ovr[k] /= Math.max(1, ovrCount[k]);
            }
            plot.add("one-vs-rest val AUC", ovr);
        }
        org.musicrfm.io.Storage.get().write(file, plot.png());
    }
}
