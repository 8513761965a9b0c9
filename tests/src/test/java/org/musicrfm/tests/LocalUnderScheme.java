package org.musicrfm.tests;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@value #SCHEME}: a non-default Hadoop file system, reached only through
 * Hadoop's {@code FileSystem} (registered with {@code spark.hadoop.fs.musicrfm-test.impl}).
 */
public final class LocalUnderScheme extends RawLocalFileSystem {

    public static final String SCHEME = "musicrfm-test";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
