package org.musicrfm.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.search.HalvingSchedule;
import org.musicrfm.rfm.search.SearchMode;
import org.musicrfm.rfm.search.SearchPlan;
import picocli.CommandLine;

/** The train command's search options as the plan they make. */
class TrainCommandTest {

    private static SearchPlan parse(String... extra) {
        TrainCommand c = new TrainCommand();
        String[] base = {"--activations", "/a", "--concept", "notes", "--out", "/o"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        new CommandLine(c).parseArgs(args);
        return TrainCommand.searchPlan(c.search, c.rungs, c.eta, c.keep, c.ties, c.pool, c.agopSample, c.iters);
    }

    @Test
    void ashaDefaultsToTheStandardScheduleAndEachOptionOverridesOnePart() {
        assertThat(parse("--search", "asha")).isEqualTo(SearchPlan.asha(15));
        HalvingSchedule s = parse("--search", "asha", "--no-pool").schedule();
        assertThat(s.pool()).isFalse();
        assertThat(s).isEqualTo(HalvingSchedule.standard(15).withPool(false));
        assertThat(parse("--search", "asha", "--pool").schedule()).isEqualTo(HalvingSchedule.standard(15).withPool(true));
        HalvingSchedule custom = parse("--search", "asha", "--rungs", "0,3,15", "--eta", "3", "--keep", "1",
                "--ties", "cut").schedule();
        assertThat(custom.rungs()).containsExactly(0, 3, 15);
        assertThat(custom.eta()).isEqualTo(3);
        assertThat(custom.keep()).isEqualTo(1);
        assertThat(custom.ties()).isFalse();
        assertThat(custom.pool()).isEqualTo(HalvingSchedule.standard(15).pool());
        assertThat(parse().mode()).isEqualTo(SearchMode.FULL);
    }

    @Test
    void badSearchOptionsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> parse("--search", "asha", "--ties", "keep")).hasMessageContaining("'keep'");
        assertThatThrownBy(() -> parse("--search", "full", "--agop-sample", "100")).hasMessageContaining("100");
        assertThatThrownBy(() -> parse("--search", "asha", "--rungs", "0,3,12")).hasMessageContaining("(12)");
    }
}
