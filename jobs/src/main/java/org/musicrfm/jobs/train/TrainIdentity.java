package org.musicrfm.jobs.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.provenance.UnitIdentity;

/**
 * The identity of a {@code train} output: the options that change the probes, the source model's
 * fingerprint and the activation files of the concept (relative name, size and modification time:
 * extract names its files by chunk identity, and a rewritten file has a new time). A finished run
 * is reused only when it matches, so new activations are never met with old probes.
 */
final class TrainIdentity {

    /** Config fields that do not change the probes. */
    static final Set<String> NOT_IDENTITY = Set.of("activations", "output", "driverSide");

    private TrainIdentity() {}

    static UnitIdentity of(TrainJobConfig config, SourceModel source, Path table) throws IOException {
        Path folder = table.resolve("concept=" + config.concept());
        StringBuilder files = new StringBuilder();
        List<Path> list;
        try (Stream<Path> s = Files.walk(folder)) {
            list = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path p : list) {
            files.append(folder.relativize(p)).append(' ').append(Files.size(p)).append(' ')
                    .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
        return UnitIdentity.of(UnitIdentity.configFields(JobOutputs.gson().toJsonTree(config).getAsJsonObject(),
                        NOT_IDENTITY))
                .with("model_fingerprint", source.fingerprint())
                .with("activation_files", UnitIdentity.sha256(files.toString()));
    }
}
