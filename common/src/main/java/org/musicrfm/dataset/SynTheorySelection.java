package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The configurations a SynTheory dataset renders: per concept, every configuration or a seeded
 * subset stratified on the concept's probed label.
 *
 * @param subsetSize     clips per concept, or null
 * @param subsetFraction fraction of each concept, or null; at most one of size and fraction is given
 */
public record SynTheorySelection(List<Concept> concepts, Integer subsetSize, Double subsetFraction, long seed) {

    public SynTheorySelection {
        concepts = List.copyOf(concepts);
    }

    /** The selected configurations, per concept in the seeded stratified order. */
    public List<ClipSpec> specs() {
        List<ClipSpec> out = new ArrayList<>();
        for (Concept c : concepts) {
            ConceptGenerator g = SynTheory.generator(c);
            List<ClipSpec> all = new ArrayList<>(g.count());
            for (int i = 0; i < g.count(); i++) {
                all.add(g.spec(i));
            }
            if (subsetSize != null) {
                out.addAll(StratifiedSubset.select(all, c.probedLabel(), seed, subsetSize));
            } else if (subsetFraction != null) {
                out.addAll(StratifiedSubset.selectFraction(all, c.probedLabel(), seed, subsetFraction));
            } else {
                out.addAll(all);
            }
        }
        return out;
    }
}
