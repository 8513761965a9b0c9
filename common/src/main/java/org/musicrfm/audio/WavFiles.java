package org.musicrfm.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes RIFF/WAVE files. Hand-written rather than javax.sound.sampled: that API neither
 * reads 24-bit/float/extensible files uniformly nor writes atomically, and both matter here.
 *
 * <p>Readable but wrong files are refused: a float sample that is NaN or infinite is an error
 * naming the frame. A {@code data} chunk whose declared size is 0 or 0xFFFFFFFF while bytes follow
 * it is what streaming writers leave when they cannot seek back to patch the header; like
 * libsndfile and ffmpeg, the samples are then read to the end of the file (whole frames only).
 */
public final class WavFiles {

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private WavFiles() {}

    /** The bytes of a WAV file holding {@code audio}; PCM_16 clips samples to [-1, 1]. */
    public static byte[] encode(Audio audio, SampleFormat format) {
        int bytesPerSample = format.bits() / 8;
        int dataBytes = audio.samples().length * bytesPerSample;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16)
                .putShort((short) format.formatTag())
                .putShort((short) audio.channels())
                .putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * audio.channels() * bytesPerSample)
                .putShort((short) (audio.channels() * bytesPerSample))
                .putShort((short) format.bits());
        b.put(ascii("data")).putInt(dataBytes);
        for (float s : audio.samples()) {
            if (format == SampleFormat.PCM_16) {
                b.putShort(toPcm16(s));
            } else {
                b.putFloat(s);
            }
        }
        return b.array();
    }

    /** Rounds to the nearest 16-bit level, clipping outside [-1, 1]. */
    static short toPcm16(float s) {
        long v = Math.round(s * 32767.0);
        return (short) Math.max(-32768, Math.min(32767, v));
    }

    /**
     * Writes atomically: the file appears complete under its name or not at all (written to a
     * temporary sibling, then renamed).
     */
    public static void write(Path file, Audio audio, SampleFormat format) throws IOException {
        org.musicrfm.io.AtomicFiles.write(file, encode(audio, format));
    }

    /** Reads a PCM (8/16/24/32-bit) or IEEE float (32/64-bit) WAV file; a clear error naming the file otherwise. */
    public static Audio read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("audio file not found: " + file);
        }
        try {
            return decode(Files.readAllBytes(file));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IOException("corrupt WAV file " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #read(Path)} for a file on any file system {@link org.musicrfm.io.Storage} reaches. */
    public static Audio read(org.musicrfm.io.Location file) throws IOException {
        org.musicrfm.io.Storage storage = org.musicrfm.io.Storage.get();
        if (!storage.isFile(file)) {
            throw new IOException("audio file not found: " + file);
        }
        try {
            return decode(storage.readBytes(file));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IOException("corrupt WAV file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes the bytes of a WAV file. */
    public static Audio decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !"RIFF".equals(fourCc(b, 0)) || !"WAVE".equals(fourCc(b, 8))) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int tag = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        long next = 12;
        while (next + 8 <= bytes.length) {
            int pos = (int) next;
            String id = fourCc(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new IllegalArgumentException("truncated fmt chunk");
                }
                tag = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (tag == WAVE_FORMAT_EXTENSIBLE && size >= 26 && body + 26 <= bytes.length) {
                    tag = b.getShort(body + 24) & 0xFFFF;
                }
            } else if (id.equals("data")) {
                if (tag < 0) {
                    throw new IllegalArgumentException("data chunk before fmt chunk");
                }
                if ((size == 0 || size == 0xFFFFFFFFL) && body < bytes.length) {
                    size = bytes.length - body; // streaming writer: size never patched
                    int frameBytes = Math.max(1, channels * (bits / 8));
                    size -= size % frameBytes;
                }
                if (body + size > bytes.length) {
                    throw new IllegalArgumentException("data chunk declares " + size + " bytes but only "
                            + (bytes.length - body) + " remain (truncated file)");
                }
                float[] samples = samples(b, body, (int) size, tag, bits);
                checkFinite(samples, channels);
                return new Audio(samples, rate, channels);
            }
            next = body + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private static float[] samples(ByteBuffer b, int offset, int size, int tag, int bits) {
        int bytesPerSample = bits / 8;
        if (bytesPerSample == 0) {
            throw new IllegalArgumentException("unsupported bits per sample " + bits);
        }
        float[] out = new float[size / bytesPerSample];
        for (int i = 0; i < out.length; i++) {
            int p = offset + i * bytesPerSample;
            if (tag == WAVE_FORMAT_PCM) {
                out[i] = switch (bits) {
                    case 8 -> ((b.get(p) & 0xFF) - 128) / 128f;
                    case 16 -> b.getShort(p) / 32768f;
                    case 24 -> (((b.get(p) & 0xFF) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p + 2) << 16))) / 8388608f;
                    case 32 -> (float) (b.getInt(p) / 2147483648.0);
                    default -> throw new IllegalArgumentException("unsupported PCM bits " + bits);
                };
            } else if (tag == WAVE_FORMAT_IEEE_FLOAT) {
                out[i] = switch (bits) {
                    case 32 -> b.getFloat(p);
                    case 64 -> (float) b.getDouble(p);
                    default -> throw new IllegalArgumentException("unsupported float bits " + bits);
                };
            } else {
                throw new IllegalArgumentException("unsupported WAV format tag " + tag);
            }
        }
        return out;
    }

    private static void checkFinite(float[] samples, int channels) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new IllegalArgumentException("non-finite sample " + samples[i] + " at frame "
                        + i / Math.max(1, channels) + ", channel " + i % Math.max(1, channels));
            }
        }
    }

    private static String fourCc(ByteBuffer b, int pos) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = b.get(pos + i);
        }
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
