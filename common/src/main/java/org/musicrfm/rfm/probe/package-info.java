/**
 * What a probe predicts and how it is scored — {@link org.musicrfm.rfm.probe.ProbeKind},
 * {@link org.musicrfm.rfm.probe.ProbeTargets}, {@link org.musicrfm.rfm.probe.ProbeScores} — shared by the
 * linear baselines ({@code rfm.linear}) and the RFM search ({@code rfm.search}), which both sit above it.
 */
package org.musicrfm.rfm.probe;
