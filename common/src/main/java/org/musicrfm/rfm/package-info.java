/**
 * Recursive Feature Machines: Laplace-type kernels, kernel ridge regression, AGOP iterations,
 * hyperparameter search, metrics and concept directions (xRFM semantics).
 */
package org.musicrfm.rfm;
