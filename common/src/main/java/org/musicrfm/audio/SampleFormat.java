package org.musicrfm.audio;

/** How samples are stored in a WAV file. */
public enum SampleFormat {
    /** 16-bit signed integer PCM (WAVE_FORMAT_PCM). */
    PCM_16(16, 1),
    /** 32-bit IEEE float (WAVE_FORMAT_IEEE_FLOAT), SynTheory's own output format. */
    FLOAT_32(32, 3);

    private final int bits;
    private final int formatTag;

    SampleFormat(int bits, int formatTag) {
        this.bits = bits;
        this.formatTag = formatTag;
    }

    public int bits() {
        return bits;
    }

    int formatTag() {
        return formatTag;
    }
}
