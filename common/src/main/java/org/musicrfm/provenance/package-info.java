/**
 * Provenance of job outputs: the identity of what produced a unit of output (a clip, a chunk, a
 * probe table, a generation) as a stable SHA-256 digest, done markers that name a chunk's clips and
 * identity, a folder manifest whose mismatch stops a run before any work, and the removal of
 * temporary files that killed runs leave behind.
 */
package org.musicrfm.provenance;
