package org.musicrfm.steering;

import java.util.Locale;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;

/**
 * Decoding steps and seconds. MusicGen decodes one step per audio frame, so a model's steps per second
 * of audio is its frame rate, read from its config ({@link #perSecond}): {@code audio_encoder.sampling_rate}
 * over the EnCodec hop (the product of {@code upsampling_ratios}), 32000 / 640 = 50 for musicgen-small.
 * A time value is written in steps ({@code 1500}) or seconds ({@code 30s}, {@code 2.5s}); seconds become
 * steps at the rate of the model that will decode.
 */
public final class Steps {

    private Steps() {}

    /** Decoding steps per second of audio of a model: {@code sampling_rate / hop}. */
    public static double perSecond(MusicgenConfig model) {
        return MusicgenGenerator.frameRate(model);
    }

    /**
     * Parses a time value: a number of steps ({@code 750}, {@code 12.5}) or seconds with an {@code s}
     * suffix ({@code 15s}), converted at {@code perSecond} steps per second.
     *
     * @param what names the value in error messages (e.g. {@code "schedule exp-decay@X"})
     */
    public static double parse(String text, String what, double perSecond) {
        requireRate(perSecond);
        String s = text.trim().toLowerCase(Locale.ROOT);
        boolean seconds = s.endsWith("s");
        String number = seconds ? s.substring(0, s.length() - 1).trim() : s;
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a time; expected steps (1500) or seconds (30s)");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not finite");
        }
        return seconds ? v * perSecond : v;
    }

    /** Checks a steps-per-second rate: finite and positive. */
    static double requireRate(double perSecond) {
        if (!(perSecond > 0 && Double.isFinite(perSecond))) {
            throw new IllegalArgumentException("steps per second " + perSecond + " must be finite and positive");
        }
        return perSecond;
    }

    /** A compact text for a step count that {@link #parse} reads back ({@code 1500}, {@code 12.5}). */
    static String format(double steps) {
        return Numbers.format(steps);
    }
}
