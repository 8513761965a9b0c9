package org.musicrfm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The thread sizing sets DJL's properties (read when the engine starts) and respects the user's. */
class TorchThreadsTest {

    private String intra;
    private String inter;

    @BeforeEach
    void save() {
        intra = System.getProperty(TorchThreads.INTRA_OP);
        inter = System.getProperty(TorchThreads.INTER_OP);
        System.clearProperty(TorchThreads.INTRA_OP);
        System.clearProperty(TorchThreads.INTER_OP);
    }

    @AfterEach
    void restore() {
        set(TorchThreads.INTRA_OP, intra);
        set(TorchThreads.INTER_OP, inter);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void theTasksCpusBecomeIntraOpThreadsWithOneInterOpThread() {
        assertThat(TorchThreads.configure(3)).isEqualTo(3);
        assertThat(System.getProperty(TorchThreads.INTRA_OP)).isEqualTo("3");
        assertThat(System.getProperty(TorchThreads.INTER_OP)).isEqualTo("1");
        System.clearProperty(TorchThreads.INTRA_OP);
        assertThat(TorchThreads.configure(0)).isEqualTo(1);
    }

    @Test
    void aThreadCountTheUserChoseWins() {
        System.setProperty(TorchThreads.INTRA_OP, "2");
        assertThat(TorchThreads.configure(8)).isEqualTo(2);
        assertThat(System.getProperty(TorchThreads.INTRA_OP)).isEqualTo("2");
        System.setProperty(TorchThreads.INTRA_OP, "many");
        assertThatThrownBy(() -> TorchThreads.configure(1)).hasMessageContaining("-Dai.djl.pytorch.num_threads=many");
    }

    @Test
    void executorsAreToldNotToSpin() {
        assertThat(TorchThreads.EXECUTOR_ENV).containsEntry("OMP_WAIT_POLICY", "PASSIVE");
        assertThat(TorchThreads.processCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
