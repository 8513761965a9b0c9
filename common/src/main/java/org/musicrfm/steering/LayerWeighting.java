package org.musicrfm.steering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-layer weights w_l from probe scores (paper §3.3): uniform, top-K by score, linear ŝ,
 * exponential {@code w0 · ŝ^(1/κ)} (ŝ = {@link LayerScores#normalized() min-max normalized} score;
 * the paper's best κ = 0.95, w0 = 1), or explicit weights. Layers whose weight is 0 are not steered.
 */
public sealed interface LayerWeighting {

    /** Paper's best κ. */
    double PAPER_KAPPA = 0.95;

    /**
     * Weights of {@code layers} (the layers that have a direction).
     *
     * @param scores probe scores, or null when there are none (only uniform and explicit weights work then)
     */
    SortedMap<Integer, Double> weights(Collection<Integer> layers, LayerScores scores);

    /** Canonical text ({@code uniform}, {@code topk:8}, {@code linear}, {@code exp:0.95,1}, {@code explicit:0=1,3=0.5}). */
    String spec();

    static LayerWeighting uniform() {
        return new Uniform();
    }

    static LayerWeighting topK(int k) {
        return new TopK(k);
    }

    static LayerWeighting linear() {
        return new Linear();
    }

    static LayerWeighting exponential(double kappa, double w0) {
        return new Exponential(kappa, w0);
    }

    static LayerWeighting explicit(Map<Integer, Double> weights) {
        return new Explicit(new TreeMap<>(weights));
    }

    /**
     * Parses {@code uniform}, {@code topk:K}, {@code linear}, {@code exp} / {@code exp:κ} / {@code exp:κ,w0}
     * or {@code explicit:l=w,l=w,…}.
     */
    static LayerWeighting parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String[] a = colon < 0 || colon == s.length() - 1 ? new String[0] : s.substring(colon + 1).split(",");
        String what = "weights '" + text + "'";
        return switch (name) {
            case "uniform", "all" -> uniform();
            case "topk", "top-k", "top" -> {
                if (a.length != 1) {
                    throw new IllegalArgumentException(what + ": expected topk:K");
                }
                yield topK(Numbers.parseInt(a[0], what));
            }
            case "linear" -> linear();
            case "exp", "exponential" -> exponential(a.length > 0 ? Numbers.parse(a[0], what) : PAPER_KAPPA,
                    a.length > 1 ? Numbers.parse(a[1], what) : 1.0);
            case "explicit" -> {
                Map<Integer, Double> w = new TreeMap<>();
                for (String p : a) {
                    int eq = p.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException(what + ": '" + p + "' is not layer=weight");
                    }
                    w.put(Numbers.parseInt(p.substring(0, eq), what), Numbers.parse(p.substring(eq + 1), what));
                }
                yield explicit(w);
            }
            default -> throw new IllegalArgumentException(what + ": expected uniform, topk:K, linear, exp[:κ[,w0]] "
                    + "or explicit:l=w,…");
        };
    }

    /** 1 on every layer. */
    record Uniform() implements LayerWeighting {
        @Override
        public SortedMap<Integer, Double> weights(Collection<Integer> layers, LayerScores scores) {
            SortedMap<Integer, Double> w = new TreeMap<>();
            layers.forEach(l -> w.put(l, 1.0));
            return w;
        }

        @Override
        public String spec() {
            return "uniform";
        }
    }

    /** 1 on the K best-scoring layers (ties: the lower layer first), 0 elsewhere. */
    record TopK(int k) implements LayerWeighting {
        public TopK {
            if (k < 1) {
                throw new IllegalArgumentException("top-K weighting: K = " + k + ", expected >= 1");
            }
        }

        @Override
        public SortedMap<Integer, Double> weights(Collection<Integer> layers, LayerScores scores) {
            SortedMap<Integer, Double> s = scored(layers, scores, spec());
            List<Integer> order = new ArrayList<>(s.keySet());
            Comparator<Integer> byScore = Comparator.comparingDouble(s::get);
            order.sort((scores.lowerIsBetter() ? byScore : byScore.reversed()).thenComparing(Comparator.naturalOrder()));
            SortedMap<Integer, Double> w = new TreeMap<>();
            for (int i = 0; i < order.size(); i++) {
                w.put(order.get(i), i < k ? 1.0 : 0.0);
            }
            return w;
        }

        @Override
        public String spec() {
            return "topk:" + k;
        }
    }

    /** ŝ. */
    record Linear() implements LayerWeighting {
        @Override
        public SortedMap<Integer, Double> weights(Collection<Integer> layers, LayerScores scores) {
            return normalizedOf(layers, scores, spec());
        }

        @Override
        public String spec() {
            return "linear";
        }
    }

    /** {@code w0 · ŝ^(1/κ)}. */
    record Exponential(double kappa, double w0) implements LayerWeighting {
        public Exponential {
            if (!(kappa > 0) || !Double.isFinite(kappa)) {
                throw new IllegalArgumentException("exponential weighting: κ = " + kappa + ", expected > 0");
            }
            if (!Double.isFinite(w0)) {
                throw new IllegalArgumentException("exponential weighting: w0 = " + w0 + " is not finite");
            }
        }

        @Override
        public SortedMap<Integer, Double> weights(Collection<Integer> layers, LayerScores scores) {
            SortedMap<Integer, Double> w = normalizedOf(layers, scores, spec());
            w.replaceAll((l, s) -> w0 * Math.pow(s, 1 / kappa));
            return w;
        }

        @Override
        public String spec() {
            return "exp:" + Numbers.format(kappa) + "," + Numbers.format(w0);
        }
    }

    /** Given weights; layers not listed get 0. */
    record Explicit(SortedMap<Integer, Double> given) implements LayerWeighting {
        public Explicit {
            given = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(given));
            given.forEach((l, w) -> {
                if (w == null || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("explicit weight of layer " + l + " is " + w);
                }
            });
        }

        @Override
        public SortedMap<Integer, Double> weights(Collection<Integer> layers, LayerScores scores) {
            for (int l : given.keySet()) {
                if (!layers.contains(l)) {
                    throw new IllegalArgumentException("explicit weight for layer " + l + ", which has no direction "
                            + "(layers with directions: " + sortedKeys(layers) + ")");
                }
            }
            SortedMap<Integer, Double> w = new TreeMap<>();
            layers.forEach(l -> w.put(l, given.getOrDefault(l, 0.0)));
            return w;
        }

        @Override
        public String spec() {
            StringBuilder b = new StringBuilder("explicit:");
            given.forEach((l, w) -> b.append(b.length() > 9 ? "," : "").append(l).append('=').append(Numbers.format(w)));
            return b.toString();
        }
    }

    private static SortedMap<Integer, Double> scored(Collection<Integer> layers, LayerScores scores, String weighting) {
        if (scores == null) {
            throw new IllegalArgumentException("weights " + weighting + " need probe scores per layer, and none were given");
        }
        SortedMap<Integer, Double> s = new TreeMap<>();
        for (int l : layers) {
            Double v = scores.scores().get(l);
            if (v == null) {
                throw new IllegalArgumentException("weights " + weighting + ": layer " + l + " has a direction but no "
                        + scores.metric() + " score");
            }
            s.put(l, v);
        }
        return s;
    }

    private static SortedMap<Integer, Double> normalizedOf(Collection<Integer> layers, LayerScores scores, String weighting) {
        SortedMap<Integer, Double> s = scored(layers, scores, weighting);
        return new LayerScores(s, scores.metric(), scores.lowerIsBetter()).normalized();
    }

    private static List<Integer> sortedKeys(Collection<Integer> layers) {
        List<Integer> l = new ArrayList<>(layers);
        l.sort(Comparator.naturalOrder());
        return l;
    }
}
