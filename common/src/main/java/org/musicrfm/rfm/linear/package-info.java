/** Linear probe baselines (ridge, logistic regression) on the same splits as the RFM probes. */
package org.musicrfm.rfm.linear;
