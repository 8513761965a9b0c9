/**
 * Compute backends of the RFM: the interface ({@link org.musicrfm.rfm.backend.RfmBackend}) and its
 * CPU implementation on native BLAS/LAPACK (kernel matrices, robust solve, AGOP gradients).
 */
package org.musicrfm.rfm.backend;
