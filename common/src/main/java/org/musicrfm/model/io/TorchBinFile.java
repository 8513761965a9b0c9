package org.musicrfm.model.io;

import java.io.IOException;
import java.nio.file.Path;

/** A PyTorch {@code .bin} zip checkpoint (work in progress). */
public final class TorchBinFile {

    private TorchBinFile() {}

    /** Opens a {@code torch.save} zip. */
    public static TensorSource open(Path file) throws IOException {
        throw new IOException(file + ": PyTorch .bin checkpoints are not supported yet");
    }
}
