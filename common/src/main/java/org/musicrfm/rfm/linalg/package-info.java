/** Dense matrices, BLAS/LAPACK calls (dev.ludovic.netlib) and parallel loops used by the RFM. */
package org.musicrfm.rfm.linalg;
