package org.musicrfm.model.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** Stored element types (safetensors spelling) and their little-endian decoding to float32 or long. */
public enum Dtype {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int bytes;
    private final boolean floating;

    Dtype(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** True for F64, F32, F16 and BF16. */
    public boolean floating() {
        return floating;
    }

    /** Parses a safetensors dtype name; the error names the file and tensor. */
    public static Dtype parse(String name, Object file, String tensor) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown dtype '" + name + "' of tensor " + tensor + " in " + file
                    + " (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        }
    }

    /** Decodes {@code count} elements from {@code src} (read from its position) into {@code dst[at..]}. */
    public void decodeFloats(ByteBuffer src, float[] dst, int at, int count) {
        ByteBuffer b = src.order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case F32 -> b.asFloatBuffer().get(dst, at, count);
            case F64 -> {
                var d = b.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    dst[at + i] = (float) d.get(i);
                }
            }
            case BF16 -> {
                var s = b.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[at + i] = Float.intBitsToFloat((s.get(i) & 0xffff) << 16);
                }
            }
            case F16 -> {
                var s = b.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[at + i] = HalfFloat.toFloat(s.get(i));
                }
            }
            default -> throw new IllegalStateException(this + " is not a floating-point dtype");
        }
    }

    /** Decodes {@code count} integer elements from {@code src} into {@code dst[at..]}. */
    public void decodeLongs(ByteBuffer src, long[] dst, int at, int count) {
        ByteBuffer b = src.order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case I64 -> b.asLongBuffer().get(dst, at, count);
            case I32 -> {
                var v = b.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    dst[at + i] = v.get(i);
                }
            }
            case I16 -> {
                var v = b.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[at + i] = v.get(i);
                }
            }
            case I8 -> {
                for (int i = 0; i < count; i++) {
                    dst[at + i] = b.get(b.position() + i);
                }
            }
            case U8, BOOL -> {
                for (int i = 0; i < count; i++) {
                    dst[at + i] = b.get(b.position() + i) & 0xff;
                }
            }
            default -> throw new IllegalStateException(this + " is not an integer dtype");
        }
    }
}
