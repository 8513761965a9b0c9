package org.musicrfm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Plain paths and file: URIs are local folders; Hadoop URIs are refused naming the option, the value and why. */
class LocationsTest {

    @Test
    void plainPathsAndFileUrisAreTheSameFolder() {
        assertThat(Locations.local("/data/out", "--out")).isEqualTo(Path.of("/data/out"));
        assertThat(Locations.local("file:///data/out", "--out")).isEqualTo(Path.of("/data/out"));
        assertThat(Locations.local("file:/data/out", "--out")).isEqualTo(Path.of("/data/out"));
        assertThat(Locations.local("file://localhost/data/out", "--out")).isEqualTo(Path.of("/data/out"));
        assertThat(Locations.local("out", "--out")).isEqualTo(Path.of("out").toAbsolutePath());
        assertThat(Locations.scheme("C:\\data")).isNull();
        assertThat(Locations.isLocal("hdfs:///x")).isFalse();
        assertThat(Locations.isLocal("FILE:/x")).isTrue();
    }

    @Test
    void hadoopUrisAreRefusedSayingThePathMustBeLocalOrShared() {
        for (String uri : new String[] {"hdfs:///user/me/out", "s3a://bucket/out", "other:///tmp/x"}) {
            assertThatThrownBy(() -> Locations.local(uri, "--out"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--out " + uri + ": must be a local path")
                    .hasMessageContaining("mounted at the same path on the driver and every executor")
                    .hasMessageContaining(Locations.scheme(uri) + ":// is not supported for it");
        }
        assertThatThrownBy(() -> Locations.local("file://nas/data", "--dataset"))
                .hasMessageContaining("--dataset file://nas/data").hasMessageContaining("'nas' is read as a host");
        assertThatThrownBy(() -> Locations.requireLocal("--out", "/ok", "--model", "s3a://b/m"))
                .hasMessageStartingWith("--model s3a://b/m:");
        assertThatThrownBy(() -> Locations.requireLocal("--model", "file:///models/small"))
                .hasMessage("--model file:///models/small: give it as a plain path (/models/small)");
        Locations.requireLocal("--out", "/ok", "--probes", null);
    }
}
