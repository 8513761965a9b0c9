/**
 * Where stages read and write: {@link org.musicrfm.io.Location} and {@link org.musicrfm.io.Storage} for tables and
 * audio on any Hadoop file system, {@link org.musicrfm.io.Locations} for what must stay local (models).
 */
package org.musicrfm.io;
