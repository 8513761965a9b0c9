package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seven SynTheory concept generators and the schema of one table that holds them all.
 *
 * <p>Label values follow SynTheory's info.csv (same names and values; rendering outputs such as
 * file paths, {@code synth_soundfont}, {@code is_silent} and {@code offset_time} are not labels and
 * belong to the renderer). Clip ids are {@code <concept>/<upstream file stem>} with '#' spelled
 * "sharp" and quotes dropped, plus {@code _offset_<k>} for crops; they are unique within and across
 * concepts and are the identity from which {@link ClipSeeds} derives each clip's seed.
 */
public final class SynTheory {

    private static final Map<Concept, ConceptGenerator> GENERATORS = new EnumMap<>(Concept.class);
    private static final Map<Concept, List<LabelColumn>> COLUMNS = new EnumMap<>(Concept.class);

    static {
        register(new TemposGenerator(), TemposGenerator.COLUMNS);
        register(new TimeSignaturesGenerator(), TimeSignaturesGenerator.COLUMNS);
        register(new NotesGenerator(), NotesGenerator.COLUMNS);
        register(new IntervalsGenerator(), IntervalsGenerator.COLUMNS);
        register(new ScalesGenerator(), ScalesGenerator.COLUMNS);
        register(new ChordsGenerator(), ChordsGenerator.COLUMNS);
        register(new ChordProgressionsGenerator(), ChordProgressionsGenerator.COLUMNS);
    }

    /**
     * The union of every concept's label columns, in order of first appearance over
     * {@link Concept#values()}; a column is nullable unless every concept has it (only
     * {@code midi_program_num}).
     */
    public static final List<LabelColumn> LABEL_COLUMNS = union();

    private SynTheory() {}

    private static void register(ConceptGenerator generator, List<LabelColumn> columns) {
        GENERATORS.put(generator.concept(), generator);
        COLUMNS.put(generator.concept(), columns);
    }

    /** The generator of a concept. */
    public static ConceptGenerator generator(Concept concept) {
        return GENERATORS.get(concept);
    }

    /** All seven generators, in {@link Concept} order. */
    public static List<ConceptGenerator> all() {
        return List.copyOf(GENERATORS.values());
    }

    /** A concept's own label columns, in info.csv order (none nullable). */
    public static List<LabelColumn> labelColumns(Concept concept) {
        return COLUMNS.get(concept);
    }

    private static List<LabelColumn> union() {
        Map<String, LabelColumn> seen = new LinkedHashMap<>();
        Map<String, Integer> concepts = new LinkedHashMap<>();
        for (Concept concept : Concept.values()) {
            for (LabelColumn column : COLUMNS.get(concept)) {
                LabelColumn prior = seen.putIfAbsent(column.name(), column);
                if (prior != null && prior.type() != column.type()) {
                    throw new IllegalStateException("label column " + column.name() + " is "
                            + prior.type().getSimpleName() + " in one concept and "
                            + column.type().getSimpleName() + " in " + concept.id());
                }
                concepts.merge(column.name(), 1, Integer::sum);
            }
        }
        List<LabelColumn> union = new ArrayList<>();
        int all = Concept.values().length;
        for (LabelColumn c : seen.values()) {
            union.add(new LabelColumn(c.name(), c.type(), concepts.get(c.name()) < all));
        }
        return List.copyOf(union);
    }
}
