package org.musicrfm.steering.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.steering.SteeringPack;
import org.musicrfm.steering.SteeringSpec;
import org.musicrfm.steering.SteeringSpec.Combination;
import org.musicrfm.steering.SteeringSpec.DirectionSpec;

/**
 * A sweep: the model, named packs, prompts (inline or a file, one per line), seeds per prompt, clip
 * length, sampling settings, whether to add the unsteered condition, and grids of steering knobs.
 * Each grid is the product of its axes:
 * <ul>
 *   <li>single directions: {@code targets} ({@code {"notes": ["C", "G"]}}) × {@code eta} × {@code weighting}
 *       × {@code schedule} × {@code gate_p} × {@code cfg_rows};</li>
 *   <li>{@code combinations}: lists of {@code pack:target} steered together, × {@code combination}
 *       ({@code simultaneous}, {@code staggered}) × the same knob axes (shared by the directions);</li>
 *   <li>{@code cross_fades}: pairs {@code [from, to]} × {@code fade} windows ({@code A..B}) × the knob axes.</li>
 * </ul>
 * Conditions × prompts × seeds give the {@link SweepUnit}s. Structure and knob ranges are checked by
 * {@link #parse}; schedules and fade windows, whose times in seconds become steps at the model's rate, by
 * {@link #validateTimes} once the checkpoint's config is read; names of packs and classes by
 * {@link #validate}. Every error names the field.
 *
 * @param name       the sweep's name
 * @param json       the spec as read (recorded beside the output)
 * @param model      checkpoint folder
 * @param modelName  readable model name
 * @param packs      pack name → file
 * @param prompts    prompts in order
 * @param seedsPerPrompt clips per prompt and condition
 * @param baseSeed   mixed into every unit's seed
 * @param seconds    clip length
 * @param guidance   classifier-free guidance scale
 * @param topK       top-k sampling
 * @param temperature sampling temperature
 * @param conditions every condition in spec order (the unsteered one first when asked for)
 * @param statedClips the clip count the spec states (-1 when it states none)
 */
public record SweepSpec(String name, String json, String model, String modelName, Map<String, String> packs,
                        List<String> prompts, int seedsPerPrompt, long baseSeed, double seconds, double guidance, int topK,
                        double temperature, List<Condition> conditions, long statedClips) {

    /** Largest |η0| accepted: {@link SteeringSpec#MAX_ETA}, as for {@code steer}. */
    public static final double MAX_ETA = SteeringSpec.MAX_ETA;

    /** A condition: its readable id and steering plan. */
    public record Condition(String id, SteeringSpec steering) {}

    /** Reads and checks a spec file; a relative {@code prompts_file} is resolved beside it. */
    public static SweepSpec read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a spec file on any file system {@link org.musicrfm.io.Storage} reaches; a local one as
     * {@link #read(Path)}, one elsewhere needs {@code prompts} or an absolute local {@code prompts_file}.
     */
    public static SweepSpec read(org.musicrfm.io.Location file) throws IOException {
        if (file.isLocal()) {
            return read(file.localPath());
        }
        String text = org.musicrfm.io.Storage.get().readString(file);
        try {
            return parse(text, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks a spec (everything but pack contents); {@code base} resolves a relative prompts file. */
    public static SweepSpec parse(String text, Path base) throws IOException {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("spec: expected a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("spec: not valid JSON: " + e.getMessage(), e);
        }
        String name = string(o, "name", "sweep");
        String model = string(o, "model", null);
        if (model == null) {
            throw new IllegalArgumentException("model: missing (a checkpoint folder)");
        }
        String modelName = string(o, "model_name", Path.of(model).getFileName().toString());
        Map<String, String> packs = new LinkedHashMap<>();
        if (o.has("packs")) {
            if (!o.get("packs").isJsonObject()) {
                throw new IllegalArgumentException("packs: expected an object {name: file}");
            }
            for (var en : o.getAsJsonObject("packs").entrySet()) {
                packs.put(en.getKey(), en.getValue().getAsString());
            }
        }
        List<String> prompts = prompts(o, base);
        int seeds = (int) number(o, "seeds_per_prompt", 1);
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds_per_prompt: " + seeds + " is out of range (>= 1)");
        }
        long baseSeed = (long) number(o, "base_seed", 0);
        double seconds = number(o, "seconds", 10);
        if (!(seconds > 0 && seconds <= 60)) {
            throw new IllegalArgumentException("seconds: " + seconds + " is out of range (0, 60]");
        }
        JsonObject g = o.has("generation") ? o.getAsJsonObject("generation") : new JsonObject();
        double guidance = number(g, "guidance", 3.0);
        if (!(guidance >= 1)) {
            throw new IllegalArgumentException("generation.guidance: " + guidance + " is out of range (>= 1)");
        }
        int topK = (int) number(g, "top_k", 250);
        if (topK < 1) {
            throw new IllegalArgumentException("generation.top_k: " + topK + " is out of range (>= 1)");
        }
        double temperature = number(g, "temperature", 1.0);
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("generation.temperature: " + temperature + " is out of range (>= 0)");
        }
        List<Condition> conditions = new ArrayList<>();
        if (o.has("unsteered") && o.get("unsteered").getAsBoolean()) {
            conditions.add(new Condition("unsteered", SteeringSpec.none()));
        }
        JsonArray grids = o.has("grids") ? o.getAsJsonArray("grids") : new JsonArray();
        for (int i = 0; i < grids.size(); i++) {
            conditions.addAll(grid(grids.get(i).getAsJsonObject(), "grids[" + i + "]", packs));
        }
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("grids: no condition (add a grid or \"unsteered\": true)");
        }
        Map<String, Condition> seen = new LinkedHashMap<>();
        for (Condition c : conditions) {
            seen.putIfAbsent(c.id(), c);
        }
        long stated = (long) number(o, "clips", -1);
        return new SweepSpec(name, text, model, modelName, packs, prompts, seeds, baseSeed, seconds, guidance, topK,
                temperature, List.copyOf(seen.values()), stated);
    }

    private static List<String> prompts(JsonObject o, Path base) throws IOException {
        List<String> prompts = new ArrayList<>();
        if (o.has("prompts")) {
            JsonArray a = o.getAsJsonArray("prompts");
            for (int i = 0; i < a.size(); i++) {
                prompts.add(a.get(i).getAsString());
            }
        } else if (o.has("prompts_file")) {
            Path f = Path.of(o.get("prompts_file").getAsString());
            Path p = f.isAbsolute() || base == null ? f : base.resolve(f);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("prompts_file: no such file " + p);
            }
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    prompts.add(line.strip());
                }
            }
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("prompts: none (give \"prompts\": [...] or \"prompts_file\")");
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).isBlank()) {
                throw new IllegalArgumentException("prompts[" + i + "]: empty");
            }
        }
        return prompts;
    }

    private static List<Condition> grid(JsonObject g, String field, Map<String, String> packs) {
        List<Double> etas = numbers(g, "eta", List.of(0.45), field);
        List<String> weightings = strings(g, "weighting", List.of("exp:0.95,1"), field);
        List<String> schedules = strings(g, "schedule", List.of("constant"), field);
        List<Double> ps = numbers(g, "gate_p", List.of(0.3), field);
        List<String> cfgs = strings(g, "cfg_rows", List.of("both"), field);
        String gateMode = string(g, "gate_mode", "step");
        List<List<String[]>> sets = new ArrayList<>();
        List<String> combos = new ArrayList<>();
        List<String> fades = new ArrayList<>(java.util.Collections.singletonList(null));
        if (g.has("targets")) {
            for (var en : g.getAsJsonObject("targets").entrySet()) {
                for (String t : strings(g.getAsJsonObject("targets"), en.getKey(), List.of(), field + ".targets")) {
                    sets.add(List.<String[]>of(new String[] {en.getKey(), t}));
                }
            }
            combos.add("simultaneous");
        } else if (g.has("combinations")) {
            sets.addAll(pairs(g.getAsJsonArray("combinations"), field + ".combinations", 2));
            combos.addAll(strings(g, "combination", List.of("simultaneous"), field));
        } else if (g.has("cross_fades")) {
            sets.addAll(pairs(g.getAsJsonArray("cross_fades"), field + ".cross_fades", 2));
            combos.add("cross-fade");
            fades = strings(g, "fade", List.of(), field);
            if (fades.isEmpty()) {
                throw new IllegalArgumentException(field + ".fade: missing (windows A..B)");
            }
        } else {
            throw new IllegalArgumentException(field + ": expected targets, combinations or cross_fades");
        }
        for (List<String[]> set : sets) {
            for (String[] d : set) {
                if (!packs.containsKey(d[0])) {
                    throw new IllegalArgumentException(field + ": unknown pack '" + d[0] + "' (packs: "
                            + String.join(", ", packs.keySet()) + ")");
                }
            }
        }
        List<Condition> out = new ArrayList<>();
        for (List<String[]> set : sets) {
            for (String combo : combos) {
                Combination c = Combination.parse(combo, field + ".combination");
                for (String fade : fades) {
                    for (double eta : etas) {
                        for (String w : weightings) {
                            for (String s : schedules) {
                                for (double p : ps) {
                                    for (String cfg : cfgs) {
                                        List<DirectionSpec> ds = new ArrayList<>();
                                        for (String[] d : set) {
                                            ds.add(new DirectionSpec(d[0], d[1], eta, w, s, p, gateMode, cfg));
                                        }
                                        SteeringSpec spec = new SteeringSpec(ds, c, fade);
                                        spec.validateKnobs(MAX_ETA, field);
                                        out.add(new Condition(conditionId(spec), spec));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<List<String[]>> pairs(JsonArray a, String field, int min) {
        List<List<String[]>> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            JsonArray set = a.get(i).getAsJsonArray();
            if (set.size() < min) {
                throw new IllegalArgumentException(field + "[" + i + "]: expected at least " + min + " pack:target entries");
            }
            List<String[]> ds = new ArrayList<>();
            for (int j = 0; j < set.size(); j++) {
                String s = set.get(j).getAsString();
                int colon = s.indexOf(':');
                if (colon <= 0 || colon == s.length() - 1) {
                    throw new IllegalArgumentException(field + "[" + i + "][" + j + "]: '" + s + "' is not pack:target");
                }
                ds.add(new String[] {s.substring(0, colon), s.substring(colon + 1)});
            }
            out.add(ds);
        }
        return out;
    }

    /** {@code unsteered}, or the directions and knobs joined by {@code |}. */
    static String conditionId(SteeringSpec s) {
        if (s.isNone()) {
            return "unsteered";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.directions().size(); i++) {
            b.append(i == 0 ? "" : "+").append(s.directions().get(i).name());
        }
        DirectionSpec d = s.directions().get(0);
        if (s.combination() != Combination.SIMULTANEOUS) {
            b.append("|mode=").append(s.combination().label());
        }
        if (s.fade() != null) {
            b.append("|fade=").append(s.fade());
        }
        b.append("|eta=").append(fmt(d.eta())).append("|w=").append(d.weighting()).append("|s=").append(d.schedule())
                .append("|p=").append(fmt(d.gateP()));
        if (!d.gateMode().equals("step")) {
            b.append("|gate=").append(d.gateMode());
        }
        return b.append("|cfg=").append(d.cfgRows()).toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Checks every condition's schedules and fade window with times in seconds at {@code stepsPerSecond},
     * the rate of the model that will decode ({@link org.musicrfm.steering.Steps#perSecond}).
     */
    public void validateTimes(double stepsPerSecond) {
        for (Condition c : conditions) {
            c.steering().validateTimes("condition " + c.id(), stepsPerSecond);
        }
    }

    /**
     * Checks that every pack of every condition exists in {@code loaded} and has the named classes, and
     * every knob and time, at {@code stepsPerSecond} ({@link #validateTimes}).
     */
    public void validate(Map<String, SteeringPack> loaded, double stepsPerSecond) {
        for (Condition c : conditions) {
            c.steering().validate(loaded, MAX_ETA, "condition " + c.id(), stepsPerSecond);
        }
    }

    /** Clip count: conditions × prompts × seeds. */
    public long clips() {
        return (long) conditions.size() * prompts.size() * seedsPerPrompt;
    }

    /** Every unit in spec order (conditions, then prompts, then seeds). */
    public List<SweepUnit> units() {
        List<SweepUnit> out = new ArrayList<>();
        for (Condition c : conditions) {
            for (int p = 0; p < prompts.size(); p++) {
                for (int s = 0; s < seedsPerPrompt; s++) {
                    long seed = seed(baseSeed, prompts.get(p), s);
                    String id = unitId(c.id(), prompts.get(p), seed);
                    out.add(new SweepUnit(id, c.id(), c.steering(), prompts.get(p), p, s, seed));
                }
            }
        }
        return out;
    }

    /**
     * A seeded subset: the first {@code limit} units (or all when negative) of those kept with
     * probability {@code fraction}, each unit's draw a function of its id and {@code seed} only.
     */
    public List<SweepUnit> subset(List<SweepUnit> units, int limit, double fraction, long seed) {
        List<SweepUnit> out = new ArrayList<>();
        for (SweepUnit u : units) {
            if (fraction < 1 && uniform(u.unitId(), seed) >= fraction) {
                continue;
            }
            if (limit >= 0 && out.size() >= limit) {
                break;
            }
            out.add(u);
        }
        return out;
    }

    private static double uniform(String id, long seed) {
        long x = Long.parseUnsignedLong(id.substring(0, 15), 16) ^ (seed * 0x9E3779B97F4A7C15L);
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        x ^= x >>> 31;
        return (x >>> 11) * 0x1.0p-53;
    }

    /** The sampling seed of a prompt's {@code index}-th clip: the same in every condition (paired comparisons). */
    static long seed(long base, String prompt, int index) {
        byte[] h = sha256(base + "\u0000" + prompt + "\u0000" + index);
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = (x << 8) | (h[i] & 0xff);
        }
        return x & Long.MAX_VALUE;
    }

    /** SHA-256 prefix (24 hex digits) of everything that shapes the clip. */
    String unitId(String condition, String prompt, long seed) {
        String identity = String.join("\u0000", model, condition, prompt, Long.toString(seed), fmt(seconds), fmt(guidance),
                Integer.toString(topK), fmt(temperature));
        return HexFormat.of().formatHex(sha256(identity)).substring(0, 24);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(JsonObject o, String key, String fallback) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return fallback;
        }
        if (!o.get(key).isJsonPrimitive()) {
            throw new IllegalArgumentException(key + ": expected a string");
        }
        return o.get(key).getAsString();
    }

    private static double number(JsonObject o, String key, double fallback) {
        if (!o.has(key)) {
            return fallback;
        }
        try {
            return o.get(key).getAsDouble();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": '" + o.get(key) + "' is not a number");
        }
    }

    private static List<Double> numbers(JsonObject o, String key, List<Double> fallback, String field) {
        if (!o.has(key)) {
            return fallback;
        }
        List<Double> out = new ArrayList<>();
        JsonElement e = o.get(key);
        JsonArray a = e.isJsonArray() ? e.getAsJsonArray() : single(e);
        for (int i = 0; i < a.size(); i++) {
            try {
                out.add(a.get(i).getAsDouble());
            } catch (RuntimeException x) {
                throw new IllegalArgumentException(field + "." + key + "[" + i + "]: '" + a.get(i) + "' is not a number");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(field + "." + key + ": empty list");
        }
        return out;
    }

    private static List<String> strings(JsonObject o, String key, List<String> fallback, String field) {
        if (!o.has(key)) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        JsonElement e = o.get(key);
        JsonArray a = e.isJsonArray() ? e.getAsJsonArray() : single(e);
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i).getAsString().trim());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(field + "." + key + ": empty list");
        }
        return out;
    }

    private static JsonArray single(JsonElement e) {
        JsonArray a = new JsonArray();
        a.add(e);
        return a;
    }
}
