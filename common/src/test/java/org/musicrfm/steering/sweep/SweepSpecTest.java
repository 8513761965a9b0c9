package org.musicrfm.steering.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.musicrfm.dataset.ChordType;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.Mode;
import org.musicrfm.dataset.PitchClass;
import org.musicrfm.dataset.ScalesGenerator;
import org.musicrfm.dataset.TimeSignature;
import org.musicrfm.steering.ClassLabels;

/**
 * Spec parsing, expansion into units with identity-derived ids and seeds, subsets, and every spec in
 * conf/sweeps: its clip count, its cost, and targets that are class names the train job writes.
 */
class SweepSpecTest {

    static final Path CONF = Path.of("..", "conf", "sweeps");

    static final String SPEC = """
            {"name": "t", "model": "m", "packs": {"notes": "n.safetensors", "chords": "c.safetensors"},
             "prompts": ["a", "b", "c"], "seeds_per_prompt": 2, "seconds": 1, "unsteered": true,
             "grids": [
               {"targets": {"notes": ["C", "D"]}, "eta": [0.15, -0.3], "gate_p": [0.3, 1]},
               {"combinations": [["notes:C", "chords:minor"]], "combination": ["simultaneous", "staggered"]},
               {"cross_fades": [["notes:C", "notes:D"]], "fade": ["2..10", "1s..2s"]}
             ]}
            """;

    @Test
    void expandsTheGridWithStableIdsAndPairedSeeds() throws Exception {
        SweepSpec s = SweepSpec.parse(SPEC, null);
        // 1 unsteered + 2 targets × 2 η0 × 2 p + 2 combinations + 2 fades = 13 conditions
        assertThat(s.conditions()).hasSize(13);
        assertThat(s.clips()).isEqualTo(13 * 3 * 2);
        List<SweepUnit> units = s.units();
        assertThat(units).hasSize(78);
        assertThat(units.stream().map(SweepUnit::unitId).collect(Collectors.toSet())).hasSize(78);
        assertThat(units.get(0).condition()).isEqualTo("unsteered");
        assertThat(s.conditions().get(1).id()).isEqualTo("notes:C|eta=0.15|w=exp:0.95,1|s=constant|p=0.3|cfg=both");
        assertThat(s.conditions().get(4).id()).isEqualTo("notes:C|eta=-0.3|w=exp:0.95,1|s=constant|p=1|cfg=both");
        // a prompt's k-th seed is the same in every condition; different prompts and indices differ
        Map<String, Set<Long>> seeds = units.stream().collect(Collectors.groupingBy(u -> u.promptIndex() + "/" + u.seedIndex(),
                Collectors.mapping(SweepUnit::seed, Collectors.toSet())));
        assertThat(seeds).hasSize(6);
        seeds.values().forEach(v -> assertThat(v).hasSize(1));
        assertThat(seeds.values().stream().flatMap(Set::stream).collect(Collectors.toSet())).hasSize(6);

        // ids depend on the unit alone: a spec with one more η0 keeps every old id
        SweepSpec more = SweepSpec.parse(SPEC.replace("[0.15, -0.3]", "[0.15, -0.3, 0.6]"), null);
        Set<String> old = units.stream().map(SweepUnit::unitId).collect(Collectors.toSet());
        Set<String> now = more.units().stream().map(SweepUnit::unitId).collect(Collectors.toSet());
        assertThat(now).containsAll(old).hasSize(78 + 2 * 2 * 3 * 2);
        // ...and a longer clip changes every id
        Set<String> longer = SweepSpec.parse(SPEC.replace("\"seconds\": 1", "\"seconds\": 2"), null).units().stream()
                .map(SweepUnit::unitId).collect(Collectors.toSet());
        assertThat(longer).doesNotContainAnyElementsOf(old);
    }

    @Test
    void subsetsAreSeededAndIndependentOfOrder() throws Exception {
        SweepSpec s = SweepSpec.parse(SPEC, null);
        List<SweepUnit> all = s.units();
        List<SweepUnit> half = s.subset(all, -1, 0.5, 3);
        assertThat(half.size()).isBetween(20, 58);
        assertThat(s.subset(all, -1, 0.5, 3)).isEqualTo(half);
        assertThat(s.subset(all, -1, 0.5, 4)).isNotEqualTo(half);
        List<SweepUnit> reversed = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertThat(new HashSet<>(s.subset(reversed, -1, 0.5, 3))).isEqualTo(new HashSet<>(half));
        assertThat(s.subset(all, 5, 0.5, 3)).isEqualTo(half.subList(0, 5));
        assertThat(s.subset(all, 7, 1, 0)).isEqualTo(all.subList(0, 7));
    }

    @Test
    void badSpecsNameTheField() {
        Object[][] cases = {
                {SPEC.replace("\"eta\": [0.15, -0.3]", "\"eta\": [0.15, 11]"), "grids[0].directions[0].eta: 11.0 is out of range"},
                {SPEC.replace("\"gate_p\": [0.3, 1]", "\"gate_p\": [-0.1]"), "grids[0].directions[0].gate_p: -0.1 is out of range"},
                {SPEC.replace("\"fade\": [\"2..10\", \"1s..2s\"]", "\"fade\": [\"10..2\"]"),
                        "|fade=10..2|eta=0.45|w=exp:0.95,1|s=constant|p=0.3|cfg=both.fade: '10..2': the end must come after"},
                {SPEC.replace("\"notes:C\", \"chords:minor\"", "\"notes:C\", \"keys:minor\""), "grids[1]: unknown pack 'keys'"},
                {SPEC.replace("\"combination\": [\"simultaneous\", \"staggered\"]", "\"combination\": \"zigzag\""),
                        "grids[1].combination: 'zigzag' is not a combination"},
                {SPEC.replace("\"gate_p\": [0.3, 1]", "\"schedule\": \"wobble\""),
                        "condition notes:C|eta=0.15|w=exp:0.95,1|s=wobble|p=0.3|cfg=both.directions[0].schedule: schedule 'wobble'"},
                {SPEC.replace("\"gate_p\": [0.3, 1]", "\"weighting\": \"topk:x\""), "grids[0].directions[0].weighting"},
                {SPEC.replace("\"seconds\": 1", "\"seconds\": 0"), "seconds: 0.0 is out of range"},
                {SPEC.replace("\"seeds_per_prompt\": 2", "\"seeds_per_prompt\": 0"), "seeds_per_prompt: 0 is out of range"},
                {SPEC.replace("\"model\": \"m\",", ""), "model: missing"},
                {SPEC.replace("[\"a\", \"b\", \"c\"]", "[\"a\", \" \"]"), "prompts[1]: empty"},
        };
        for (int i = 0; i < cases.length; i++) {
            String text = (String) cases[i][0];
            assertThat(text).as("case %d edits the spec", i).isNotEqualTo(SPEC);
            assertThatThrownBy(() -> SweepSpec.parse(text, null).validateTimes(50)).as("case %d", i)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining((String) cases[i][1]);
        }
    }

    @Test
    void fadeWindowsAreCheckedAtTheModelsRate() throws Exception {
        SweepSpec s = SweepSpec.parse(SPEC.replace("\"1s..2s\"", "\"1s..80\""), null);
        s.validateTimes(50); // 1 s = 50 steps < 80
        assertThatThrownBy(() -> s.validateTimes(100)).hasMessageContaining("|fade=1s..80|")
                .hasMessageEndingWith(".fade: '1s..80': the end must come after the start");
    }

    /** Class names the train job writes into each pack (SynTheory label values; pitch classes by sharp name). */
    static Map<String, Set<String>> trainLabels() {
        Set<String> notes = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        for (int pc = 0; pc < 12; pc++) {
            notes.add(ClassLabels.display(ClassLabels.PITCH_CLASS_COLUMN, Integer.toString(pc)));
            keys.add(PitchClass.sharpName(pc) + " major");
            keys.add(PitchClass.sharpName(pc) + " minor");
        }
        Set<String> intervals = new TreeSet<>();
        for (int i = 1; i <= 12; i++) {
            intervals.add(Integer.toString(i));
        }
        return Map.of("notes", notes, "intervals", intervals,
                "scales", ScalesGenerator.MODES.stream().map(Mode::label).collect(Collectors.toSet()),
                "chords", Arrays.stream(ChordType.values()).map(ChordType::label).collect(Collectors.toSet()),
                "time_signatures", TimeSignature.ALL.stream().map(TimeSignature::label).collect(Collectors.toSet()),
                "tempos", Set.of(Concept.TEMPOS.probedLabel()), "keys", keys);
    }

    @Test
    void everySpecInConfSweepsParsesAndHasItsStatedClipCount() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(CONF)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        // conditions (unsteered included) × 10 prompts × 2 seeds
        Map<String, Integer> clips = Map.of("table2-concepts.json", (1 + (12 + 12 + 7 + 4 + 8 + 1) * 4 + 4) * 20,
                "table4-musicbench-keys.json", (1 + 24 * 3) * 20, "table5-multi-direction.json", (1 + 6 * 2 * 2) * 20,
                "table6-schedules.json", (1 + 5 * 6) * 20, "table8-weighting.json", (1 + 6 * 4) * 20,
                "table9-topk.json", (1 + 6 * 4) * 20, "table10-gate.json", (1 + 6 * 6) * 20,
                "notes-cross-fade.json", (1 + 4 * 2) * 20);
        assertThat(files.stream().map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrderElementsOf(clips.keySet());
        Map<String, Set<String>> labels = trainLabels();
        for (Path f : files) {
            SweepSpec s = SweepSpec.read(f);
            assertThat(s.statedClips()).as(f.toString()).isEqualTo((long) clips.get(f.getFileName().toString()));
            for (SweepSpec.Condition c : s.conditions()) {
                for (var d : c.steering().directions()) {
                    assertThat(labels.get(d.pack())).as("%s: %s", f, c.id()).contains(d.target());
                }
            }
            assertThat(s.units()).as(f.toString()).hasSize((int) s.statedClips());
            assertThat(s.units().stream().map(SweepUnit::unitId).distinct().count()).as(f.toString()).isEqualTo(s.statedClips());
            var cost = JsonParser.parseString(Files.readString(f)).getAsJsonObject().getAsJsonObject("cost");
            double perClip = cost.get("gpu_hours").getAsDouble() * 3600 / s.statedClips();
            // 37 ms per decoding step × (50 · seconds + 3) steps, rounded to 0.1 GPU-hour
            assertThat(perClip).as(f.toString()).isCloseTo(0.037 * (50 * s.seconds() + 3), org.assertj.core.data.Offset.offset(
                    0.05 * 3600 / s.statedClips() + 1e-9));
        }
    }
}
