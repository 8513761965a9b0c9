package org.musicrfm.steering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.model.io.ModelIdentity;

/**
 * Steering packs chosen as {@code FILE} or {@code FILE:class}, read and checked against the model:
 * one entry per choice, in order.
 *
 * @param files  each choice's file as given (the name its direction uses)
 * @param packs  each choice's pack
 * @param labels each choice's class
 */
public record ChosenPacks(List<String> files, List<SteeringPack> packs, List<String> labels) {

    /**
     * Reads each choice's pack, requires it to fit {@code model} and to have the class (or, when no
     * class is named, exactly one); errors name the {@code --pack} choice.
     */
    public static ChosenPacks read(List<String> choices, ModelIdentity model) throws IOException {
        List<String> files = new ArrayList<>();
        List<SteeringPack> packs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String p : choices) {
            String[] fileAndClass = split(p);
            SteeringPack pack = SteeringPack.read(Path.of(fileAndClass[0]));
            pack.requireCompatible(model);
            String label = fileAndClass[1];
            if (label == null) {
                if (pack.classes().size() != 1) {
                    throw new IllegalArgumentException("--pack " + p + ": name a class (FILE:class); the pack has "
                            + String.join(", ", pack.classes()));
                }
                label = pack.classes().get(0);
            }
            pack.layers(label); // fails early, naming the classes, when the label is unknown
            packs.add(pack);
            labels.add(label);
            files.add(fileAndClass[0]);
        }
        return new ChosenPacks(files, packs, labels);
    }

    /** The packs by file name, first choice of a file first. */
    public Map<String, SteeringPack> byName() {
        Map<String, SteeringPack> byName = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byName.putIfAbsent(files.get(i), packs.get(i));
        }
        return byName;
    }

    /** {@code FILE} or {@code FILE:class}; a path that exists as given is taken whole. */
    static String[] split(String spec) {
        if (Files.isRegularFile(Path.of(spec))) {
            return new String[] {spec, null};
        }
        int colon = spec.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--pack " + spec + ": no such file");
        }
        String file = spec.substring(0, colon);
        if (!Files.isRegularFile(Path.of(file))) {
            throw new IllegalArgumentException("--pack " + spec + ": no such file " + file);
        }
        return new String[] {file, spec.substring(colon + 1)};
    }
}
