package org.musicrfm.model.clap;

import static org.musicrfm.model.io.JsonFields.getDouble;
import static org.musicrfm.model.io.JsonFields.getInt;
import static org.musicrfm.model.io.JsonFields.getNullableDouble;
import static org.musicrfm.model.io.JsonFields.getString;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The fields of {@code preprocessor_config.json} that {@code ClapFeatureExtractor} uses, with its
 * defaults for absent keys. {@code truncation = "fusion"} (laion/clap-htsat-fused) is refused: the
 * port covers the unfused models ({@code rand_trunc}). {@code top_db} is read but, as in
 * transformers' extractor (which does not pass it to its spectrogram), not applied.
 */
public record ClapFeatureConfig(int featureSize, int samplingRate, int hopLength, int maxLengthS, int fftWindowSize,
                                double frequencyMin, double frequencyMax, Double topDb, String truncation,
                                String padding) {

    private static final Set<String> PADDINGS = Set.of("repeatpad", "repeat", "pad");

    public ClapFeatureConfig {
        if (truncation.equals("fusion")) {
            throw new IllegalArgumentException("preprocessor_config.json truncation = \"fusion\" is not supported "
                    + "(feature fusion of laion/clap-htsat-fused); expected \"rand_trunc\"");
        }
        if (!truncation.equals("rand_trunc")) {
            throw new IllegalArgumentException("preprocessor_config.json truncation = \"" + truncation
                    + "\": expected \"rand_trunc\"");
        }
        if (!PADDINGS.contains(padding)) {
            throw new IllegalArgumentException("preprocessor_config.json padding = \"" + padding
                    + "\": expected repeatpad, repeat or pad");
        }
        if (featureSize <= 0 || samplingRate <= 0 || hopLength <= 0 || maxLengthS <= 0 || fftWindowSize < 2) {
            throw new IllegalArgumentException("preprocessor_config.json: feature_size, sampling_rate, hop_length, "
                    + "max_length_s and fft_window_size must be positive");
        }
        if (frequencyMin < 0 || frequencyMin > frequencyMax) {
            throw new IllegalArgumentException("preprocessor_config.json: frequency_min " + frequencyMin
                    + " must lie in [0, frequency_max " + frequencyMax + "]");
        }
    }

    /** Parses a {@code preprocessor_config.json} object ({@code ClapFeatureExtractor}'s defaults). */
    public static ClapFeatureConfig from(JsonObject c) {
        String type = getString(c, "feature_extractor_type", "ClapFeatureExtractor");
        if (!type.equals("ClapFeatureExtractor")) {
            throw new IllegalArgumentException("preprocessor_config.json feature_extractor_type = \"" + type
                    + "\": expected ClapFeatureExtractor");
        }
        return new ClapFeatureConfig(getInt(c, "feature_size", 64), getInt(c, "sampling_rate", 48_000),
                getInt(c, "hop_length", 480), getInt(c, "max_length_s", 10), getInt(c, "fft_window_size", 1024),
                getDouble(c, "frequency_min", 0), getDouble(c, "frequency_max", 14_000), getNullableDouble(c, "top_db"),
                getString(c, "truncation", "fusion"), getString(c, "padding", "repeatpad"));
    }

    /** Reads {@code <folder>/preprocessor_config.json}; errors name the file. */
    public static ClapFeatureConfig read(Path folder) throws IOException {
        Path file = folder.resolve("preprocessor_config.json");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing preprocessor_config.json of the CLAP snapshot");
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IOException(file + ": not a JSON object");
            }
            return from(e.getAsJsonObject());
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Samples in one model input ({@code max_length_s * sampling_rate}). */
    public int maxSamples() {
        return maxLengthS * samplingRate;
    }

    /** STFT frames of one model input (centre padding by half a window on each side). */
    public int frames() {
        int half = fftWindowSize / 2;
        return 1 + (maxSamples() + 2 * half - fftWindowSize) / hopLength;
    }

    public int frequencyBins() {
        return fftWindowSize / 2 + 1;
    }
}
