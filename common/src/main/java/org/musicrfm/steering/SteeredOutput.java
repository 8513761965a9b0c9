package org.musicrfm.steering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.provenance.UnitIdentity;

/** A generated WAV and its sidecar: the sidecar's place, and the identity that says the WAV is up to date. */
public final class SteeredOutput {

    private SteeredOutput() {}

    /** {@code FILE.wav} -> {@code FILE.json} beside it. */
    public static Path sidecar(Path wav) {
        String name = wav.getFileName().toString();
        return wav.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }

    /** True when {@code wav} exists and its sidecar records {@code identity}: a re-run has nothing to do. */
    public static boolean upToDate(Path wav, String identity) {
        return Files.isRegularFile(wav) && identity.equals(recordedIdentity(sidecar(wav)));
    }

    /** Writes a one-prompt generation's audio as a mono 16-bit WAV. */
    public static void writeWav(Path wav, Generation g) throws IOException {
        WavFiles.write(wav, new Audio(g.audio()[0], g.sampleRate(), 1), SampleFormat.PCM_16);
    }

    /** The identity a sidecar records, or null when there is none or it cannot be read. */
    public static String recordedIdentity(Path sidecar) {
        try {
            return Files.isRegularFile(sidecar) ? GenerationSidecar.read(sidecar).identity() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * What the output depends on: the model's fingerprint and dtype, the prompt and sampling
     * settings, each pack's content (SHA-256) and class, the resolved steering plan and its seeds.
     */
    public static String identity(ModelIdentity model, String dtype, GenerationConfig config, ChosenPacks packs,
                                  SteeringPlan plan, long gateSeed, String crossFade, List<Integer> components)
            throws IOException {
        Map<String, String> f = new TreeMap<>();
        f.put("model_fingerprint", model.fingerprint());
        f.put("dtype", dtype);
        f.put("sampling", config.describe().toString());
        for (int i = 0; i < packs.packs().size(); i++) {
            f.put("pack." + i, UnitIdentity.sha256(packs.packs().get(i).file()) + ":" + packs.labels().get(i));
        }
        f.put("plan", plan.describe().toString());
        f.put("gate_seed", String.valueOf(gateSeed));
        f.put("cross_fade", String.valueOf(crossFade));
        f.put("components", String.valueOf(components));
        return UnitIdentity.of(f).digest();
    }
}
