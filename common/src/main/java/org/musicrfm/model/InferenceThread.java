package org.musicrfm.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Puts the calling thread in PyTorch's no-grad mode. Grad mode is thread-local in PyTorch and DJL
 * turns it off only on the thread that starts the engine; on any other thread (Spark task threads,
 * pools) autograd stays on, and some CPU kernels then take another path with different float
 * rounding (the EnCodec decoder's output differs in its last bits, enough to change 16-bit PCM
 * samples). Every model entry point calls this, so a result never depends on which thread ran it.
 */
public final class InferenceThread {

    private InferenceThread() {}

    /** Turns autograd off on this thread (a cheap call when it is already off). */
    public static void enter() {
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }
}
