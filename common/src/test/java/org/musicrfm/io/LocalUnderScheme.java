package org.musicrfm.io;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@value #SCHEME}: a non-default Hadoop file system in one JVM, reached only
 * through Hadoop's {@code FileSystem} (registered with {@code fs.musicrfm-test.impl}).
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
