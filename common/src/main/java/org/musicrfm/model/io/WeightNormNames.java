package org.musicrfm.model.io;

/**
 * The two spellings of weight-norm parameters. Legacy hub checkpoints (facebook/musicgen-*) store
 * {@code X.weight_g} / {@code X.weight_v}; newer {@code save_pretrained} stores
 * {@code X.parametrizations.weight.original0} / {@code original1}. The legacy one is canonical here.
 */
public final class WeightNormNames {

    private static final String PARAM_G = ".parametrizations.weight.original0";
    private static final String PARAM_V = ".parametrizations.weight.original1";

    private WeightNormNames() {}

    /** The canonical (legacy) name of a stored name; other names are returned unchanged. */
    public static String canonical(String stored) {
        if (stored.endsWith(PARAM_G)) {
            return stored.substring(0, stored.length() - PARAM_G.length()) + ".weight_g";
        }
        if (stored.endsWith(PARAM_V)) {
            return stored.substring(0, stored.length() - PARAM_V.length()) + ".weight_v";
        }
        return stored;
    }

    /** The {@code parametrizations} spelling of a canonical name, as current save_pretrained writes it. */
    public static String parametrized(String canonical) {
        if (canonical.endsWith(".weight_g")) {
            return canonical.substring(0, canonical.length() - ".weight_g".length()) + PARAM_G;
        }
        if (canonical.endsWith(".weight_v")) {
            return canonical.substring(0, canonical.length() - ".weight_v".length()) + PARAM_V;
        }
        return canonical;
    }
}
