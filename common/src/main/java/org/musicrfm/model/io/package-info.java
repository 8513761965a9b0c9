/**
 * Checkpoint I/O: Hugging Face snapshot folders (safetensors single or sharded, PyTorch {@code .bin}
 * zips), dtype widening, weight-norm name unification, random checkpoints and model identity.
 */
package org.musicrfm.model.io;
