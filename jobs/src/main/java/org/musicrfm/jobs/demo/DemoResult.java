package org.musicrfm.jobs.demo;

import java.util.List;

/**
 * What a demo run did.
 *
 * @param stages every stage in order
 * @param report the report's {@code index.html}
 */
public record DemoResult(List<Stage> stages, String report) {

    /**
     * One stage.
     *
     * @param name    stage name (dataset, model, clap, activations, probes, sweep, evaluation, report)
     * @param skipped true when the stage found its output complete and did nothing
     * @param summary one line on what it holds
     * @param path    its output
     */
    public record Stage(String name, boolean skipped, String summary, String path) {}

    public DemoResult {
        stages = List.copyOf(stages);
    }

    /** The stages that did work in this run. */
    public List<String> computed() {
        return stages.stream().filter(s -> !s.skipped()).map(Stage::name).toList();
    }
}
