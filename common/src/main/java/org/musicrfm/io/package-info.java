/** Small file-system helpers shared by every stage. */
package org.musicrfm.io;
