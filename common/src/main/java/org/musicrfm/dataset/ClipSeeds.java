package org.musicrfm.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Per-item seeds that depend only on a base seed and the item's identity, never on Spark
 * partitioning or task order: the first 8 bytes (big-endian) of
 * SHA-256(baseSeed as 8 big-endian bytes || UTF-8 bytes of the id).
 */
public final class ClipSeeds {

    private ClipSeeds() {}

    /** The seed of item {@code clipId} under {@code baseSeed}. */
    public static long seed(long baseSeed, String clipId) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(baseSeed).array());
        byte[] digest = sha.digest(clipId.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }
}
