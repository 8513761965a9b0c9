package org.musicrfm.fuzz;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.model.io.ConfigFile;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.MusicgenLayout;
import org.musicrfm.model.io.SafetensorsFile;
import org.musicrfm.model.io.TensorSource;
import org.musicrfm.model.io.TorchBinFile;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.t5.T5Tokenizer;

/**
 * Property-based fuzzing of every file reader: random bytes, and the committed seeds
 * ({@code src/test/resources/fuzz/<reader>/}) under random mutations, end in the reader's own
 * exception with a message naming the file, or in a successful read — never a hang, an Error
 * (OutOfMemoryError from a declared size) or another exception. Seeds are fixed so the suite is
 * repeatable; tries are bounded so it stays fast.
 */
class ReaderFuzzTest {

    // ---- inputs

    static List<byte[]> seeds(String reader) {
        try {
            Path dir = Path.of(ReaderFuzzTest.class.getResource("/fuzz/" + reader).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<byte[]> out = new ArrayList<>();
                for (Path f : files.sorted().toList()) {
                    out.add(Files.readAllBytes(f));
                }
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.longs()).as(Mutation::new);
    }

    @Provide
    Arbitrary<byte[]> wav() {
        return Arbitraries.of(seeds("wav"));
    }

    @Provide
    Arbitrary<byte[]> safetensors() {
        return Arbitraries.of(seeds("safetensors"));
    }

    @Provide
    Arbitrary<byte[]> bin() {
        return Arbitraries.of(seeds("bin"));
    }

    @Provide
    Arbitrary<byte[]> tokenizer() {
        return Arbitraries.of(seeds("tokenizer"));
    }

    // ---- readers, as the jobs use them

    private static void readWav(Path f) throws IOException {
        WavFiles.read(f);
    }

    private static void readAll(TensorSource src) throws IOException {
        for (String name : src.names()) {
            if (Dtype.parse(src.info(name).dtype(), src, name).floating()) {
                src.readFloats(name);
            } else {
                src.readLongs(name);
            }
        }
    }

    private static void readSafetensors(Path f) throws IOException {
        try (SafetensorsFile s = SafetensorsFile.open(f)) {
            readAll(s);
        }
    }

    private static void readBin(Path f) throws IOException {
        try (TorchBinFile b = TorchBinFile.open(f)) {
            readAll(b);
        }
    }

    private static void readTokenizer(Path f) throws IOException {
        try (T5Tokenizer t = T5Tokenizer.load(f, 0)) {
            t.encode("a calm piano melody in C");
        }
    }

    // ---- WAV

    @Property(tries = 200, seed = "1501")
    void randomBytesAsWav(@ForAll @Size(max = 300) byte[] bytes) {
        ReaderOutcome.check("random.wav", bytes, ReaderFuzzTest::readWav, IOException.class);
    }

    @Property(tries = 400, seed = "1502")
    void mutatedWav(@ForAll("wav") byte[] seed, @ForAll @Size(min = 1, max = 4) List<@From("mutation") Mutation> edits) {
        ReaderOutcome.check("mutated.wav", Mutation.applyAll(seed, edits), ReaderFuzzTest::readWav, IOException.class);
    }

    // ---- safetensors

    @Property(tries = 200, seed = "1503")
    void randomBytesAsSafetensors(@ForAll @Size(max = 300) byte[] bytes) {
        ReaderOutcome.check("random.safetensors", bytes, ReaderFuzzTest::readSafetensors, IOException.class,
                IllegalArgumentException.class);
    }

    @Property(tries = 400, seed = "1504")
    void mutatedSafetensors(@ForAll("safetensors") byte[] seed,
                            @ForAll @Size(min = 1, max = 4) List<@From("mutation") Mutation> edits) {
        ReaderOutcome.check("mutated.safetensors", Mutation.applyAll(seed, edits), ReaderFuzzTest::readSafetensors,
                IOException.class, IllegalArgumentException.class);
    }

    // ---- PyTorch .bin (zip + pickle)

    @Property(tries = 100, seed = "1505")
    void randomBytesAsBin(@ForAll @Size(max = 300) byte[] bytes) {
        ReaderOutcome.check("random.bin", bytes, ReaderFuzzTest::readBin, IOException.class);
    }

    @Property(tries = 400, seed = "1506")
    void mutatedBin(@ForAll("bin") byte[] seed, @ForAll @Size(min = 1, max = 4) List<@From("mutation") Mutation> edits) {
        ReaderOutcome.check("mutated.bin", Mutation.applyAll(seed, edits), ReaderFuzzTest::readBin, IOException.class);
    }

    // ---- tokenizer.json (native Hugging Face tokenizers behind DJL)

    @Property(tries = 60, seed = "1507")
    void mutatedTokenizer(@ForAll("tokenizer") byte[] seed,
                          @ForAll @Size(min = 1, max = 3) List<@From("mutation") Mutation> edits) {
        ReaderOutcome.check("tokenizer.json", Mutation.applyAll(seed, edits), ReaderFuzzTest::readTokenizer,
                IOException.class);
    }

    @Property(tries = 60, seed = "1508")
    void tokenizerWithAlteredValues(@ForAll("jsonEdit") List<JsonEdit> edits) {
        JsonObject root = JsonParser.parseString(new String(seeds("tokenizer").get(0),
                java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
        edits.forEach(e -> e.apply(root));
        ReaderOutcome.check("tokenizer.json", root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ReaderFuzzTest::readTokenizer, IOException.class);
    }

    // ---- config.json

    /** Replaces, or removes, the value at a random path of a JSON tree with a value parsers get wrong. */
    record JsonEdit(int pathSeed, int valueIndex, boolean remove) {
        static final JsonElement[] VALUES = {JsonNull.INSTANCE, new JsonPrimitive(""), new JsonPrimitive("abc"),
                new JsonPrimitive(-1), new JsonPrimitive(0), new JsonPrimitive(1), new JsonPrimitive(3),
                new JsonPrimitive(2147483648L), new JsonPrimitive(99999999999L), new JsonPrimitive(1e300),
                new JsonPrimitive(-1e-9), new JsonPrimitive(0.5), new JsonPrimitive(true), new JsonArray(),
                JsonParser.parseString("[0]"), JsonParser.parseString("[-3, 2]"), JsonParser.parseString("[8, 5, 0]"),
                new JsonObject(), JsonParser.parseString("{\"a\": 1}"), new JsonPrimitive("F33")};

        void apply(JsonElement root) {
            JsonElement node = root;
            java.util.Random r = new java.util.Random(pathSeed);
            for (int depth = 0; depth < 8; depth++) {
                if (node.isJsonObject() && !node.getAsJsonObject().isEmpty()) {
                    JsonObject o = node.getAsJsonObject();
                    List<String> keys = new ArrayList<>(o.keySet());
                    String k = keys.get(r.nextInt(keys.size()));
                    JsonElement child = o.get(k);
                    if (child.isJsonPrimitive() || child.isJsonNull() || r.nextInt(4) == 0) {
                        if (remove) {
                            o.remove(k);
                        } else {
                            o.add(k, VALUES[Math.floorMod(valueIndex, VALUES.length)].deepCopy());
                        }
                        return;
                    }
                    node = child;
                } else if (node.isJsonArray() && !node.getAsJsonArray().isEmpty()) {
                    JsonArray a = node.getAsJsonArray();
                    int i = r.nextInt(a.size());
                    if (a.get(i).isJsonPrimitive() || r.nextInt(4) == 0) {
                        if (remove) {
                            a.remove(i);
                        } else {
                            a.set(i, VALUES[Math.floorMod(valueIndex, VALUES.length)].deepCopy());
                        }
                        return;
                    }
                    node = a.get(i);
                } else {
                    return;
                }
            }
        }
    }

    @Provide
    Arbitrary<List<JsonEdit>> jsonEdit() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.of(false, false, true))
                .as(JsonEdit::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 400, seed = "1509")
    void configWithAlteredValues(@ForAll("jsonEdit") List<JsonEdit> edits) {
        JsonObject root = JsonParser.parseString(new String(seeds("config").get(0),
                java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
        edits.forEach(e -> e.apply(root));
        String where = "/fuzz/config.json";
        ReaderOutcome.check(where, () -> {
            MusicgenConfig.from(root, new ConfigFile(where));
            return MusicgenLayout.of(root, new ConfigFile(where));
        }, IllegalArgumentException.class);
    }
}
