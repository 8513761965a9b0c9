/**
 * The libtorch (DJL PyTorch engine) RFM backend, for GPUs: NDArray products and a
 * project-written TorchScript module for the factorizations DJL does not expose.
 */
package org.musicrfm.rfm.torch;
