/**
 * Datasets: the SynTheory music-theory generator (configuration spaces, MIDI construction) and the
 * MusicBench loader. Nothing here renders audio; see {@link org.musicrfm.audio}.
 */
package org.musicrfm.dataset;
