/**
 * Where stages read and write: {@link org.musicrfm.io.Location} and {@link org.musicrfm.io.Storage} for tables,
 * audio, packs, probes and reports on any Hadoop file system ({@link org.musicrfm.io.Storage#readLocally} stages a
 * local copy for readers that map files into memory), {@link org.musicrfm.io.Locations} for what must stay local
 * or on a shared mount: MusicGen and CLAP checkpoints and the SoundFont.
 */
package org.musicrfm.io;
