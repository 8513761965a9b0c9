package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The 128 General MIDI programs with the names and categories SynTheory uses, and its choice of
 * the 92 tonal instruments every tonal concept is played on.
 */
public final class GeneralMidi {

    /** Categories by blocks of 8 programs; the last block ("Sound Effects") spans 112..127. */
    private static final String[] CATEGORIES = {
        "Piano Timbres", "Chromatic Percussion", "Organ Timbres", "Guitar Timbres",
        "Bass Timbres", "String Timbres", "Ensemble Timbres", "Brass Timbres", "Reed Timbres",
        "Pipe Timbres", "Synth Lead", "Synth Pad", "Synth Effects", "Ethnic Timbres",
        "Sound Effects", "Sound Effects",
    };

    private static final String[] NAMES = {
        "Acoustic Grand Piano", "Bright Acoustic Piano", "Electric Grand Piano", "Honky-tonk Piano",
        "Rhodes Piano", "Chorused Piano", "Harpsichord", "Clavinet",
        "Celesta", "Glockenspiel", "Music Box", "Vibraphone", "Marimba", "Xylophone",
        "Tubular Bells", "Dulcimer",
        "Hammond Organ", "Percussive Organ", "Rock Organ", "Church Organ", "Reed Organ",
        "Accordion", "Harmonica", "Tango Accordion",
        "Acoustic Nylon Guitar", "Acoustic Steel Guitar", "Electric Jazz Guitar",
        "Electric Clean Guitar", "Electric Muted Guitar", "Overdriven Guitar", "Distortion Guitar",
        "Guitar Harmonics",
        "Acoustic Bass", "Fingered Electric Bass", "Plucked Electric Bass", "Fretless Bass",
        "Slap Bass 1", "Slap Bass 2", "Synth Bass 1", "Synth Bass 2",
        "Violin", "Viola", "Cello", "Contrabass", "Tremolo Strings", "Pizzicato Strings",
        "Orchestral Harp", "Timpani",
        "String Ensemble 1", "String Ensemble 2", "Synth Strings 1", "Synth Strings 2",
        "Choir \"Aah\"", "Choir \"Ooh\"", "Synth Voice", "Orchestral Hit",
        "Trumpet", "Trombone", "Tuba", "Muted Trumpet", "French Horn", "Brass Section",
        "Synth Brass 1", "Synth Brass 2",
        "Soprano Sax", "Alto Sax", "Tenor Sax", "Baritone Sax", "Oboe", "English Horn", "Bassoon",
        "Clarinet",
        "Piccolo", "Flute", "Recorder", "Pan Flute", "Bottle Blow", "Shakuhachi", "Whistle",
        "Ocarina",
        "Square Wave Lead", "Sawtooth Wave Lead", "Calliope Lead", "Chiff Lead", "Charang Lead",
        "Voice Lead", "Fifths Lead", "Bass Lead",
        "New Age Pad", "Warm Pad", "Polysynth Pad", "Choir Pad", "Bowed Pad", "Metallic Pad",
        "Halo Pad", "Sweep Pad",
        "Rain Effect", "Soundtrack Effect", "Crystal Effect", "Atmosphere Effect",
        "Brightness Effect", "Goblins Effect", "Echoes Effect", "Sci-Fi Effect",
        "Sitar", "Banjo", "Shamisen", "Koto", "Kalimba", "Bagpipe", "Fiddle", "Shanai",
        "Tinkle Bell", "Agogo", "Steel Drums", "Woodblock", "Taiko Drum", "Melodic Tom",
        "Synth Drum", "Reverse Cymbal", "Guitar Fret Noise", "Breath Noise", "Seashore",
        "Bird Tweet", "Telephone Ring", "Helicopter", "Applause", "Gun Shot",
    };

    private static final Set<String> ATONAL_CATEGORIES = Set.of("Synth Effects", "Sound Effects");
    /** Strong overtones make the root ambiguous: celesta, glockenspiel, bells, accordions, timpani, fifths lead. */
    private static final Set<Integer> POLYPHONIC = Set.of(8, 9, 14, 21, 23, 47, 86);
    /** Very expressive voices: harmonica, guitar harmonics, orchestral hit, shakuhachi, whistle. */
    private static final Set<Integer> ARTICULATE = Set.of(22, 31, 55, 77, 78);

    private static final List<MidiInstrument> ALL;
    private static final List<MidiInstrument> TONAL;

    static {
        List<MidiInstrument> all = new ArrayList<>(128);
        List<MidiInstrument> tonal = new ArrayList<>(92);
        for (int p = 0; p < NAMES.length; p++) {
            MidiInstrument inst = new MidiInstrument(p, NAMES[p], CATEGORIES[p / 8]);
            all.add(inst);
            if (!ATONAL_CATEGORIES.contains(inst.category()) && !POLYPHONIC.contains(p)
                    && !ARTICULATE.contains(p)) {
                tonal.add(inst);
            }
        }
        ALL = List.copyOf(all);
        TONAL = List.copyOf(tonal);
    }

    private GeneralMidi() {}

    /** All 128 programs, in program order. */
    public static List<MidiInstrument> all() {
        return ALL;
    }

    /** The 92 programs SynTheory plays tonal concepts on, in program order. */
    public static List<MidiInstrument> tonal() {
        return TONAL;
    }

    /** Program {@code program} (0..127). */
    public static MidiInstrument program(int program) {
        if (program < 0 || program > 127) {
            throw new IllegalArgumentException("MIDI program " + program + " outside [0, 127]");
        }
        return ALL.get(program);
    }
}
