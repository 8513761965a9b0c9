/** The MusicRFM library: audio, dataset, model runtime, RFM probes, steering; {@link org.musicrfm.Version} names the build. */
package org.musicrfm;
