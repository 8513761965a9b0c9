package org.musicrfm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class ModelOptionsTest {

    @Test
    void float32IsTheDefaultHalfRunsAnywhereAndBfloat16IsRefused() {
        assertThat(new ModelOptions(Device.cpu(), null).dtype()).isEqualTo(DataType.FLOAT32);
        assertThat(ModelOptions.parse("gpu:1", "fp16")).isEqualTo(new ModelOptions(Device.gpu(1), DataType.FLOAT16));
        assertThat(ModelOptions.parse("cuda", "float32").device()).isEqualTo(Device.gpu(0));
        assertThat(ModelOptions.parse("cpu", "float16")).isEqualTo(new ModelOptions(Device.cpu(), DataType.FLOAT16));
        assertThatThrownBy(() -> ModelOptions.parse("gpu", "bf16")).hasMessageContaining("bfloat16")
                .hasMessageContaining("DJL 0.33 aborts");
        assertThatThrownBy(() -> ModelOptions.parse("tpu", "float32")).hasMessageContaining("tpu");
    }

    @Test
    void aGpuThatIsNotThereFailsAtOnceNamingTheDevice() {
        int visible = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
        ModelOptions beyond = ModelOptions.parse("gpu:" + visible, "float32");
        assertThatThrownBy(beyond::requireAvailable).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--device gpu:" + visible + ": ").hasMessageContaining("--device cpu");
        assertThat(ModelOptions.cpu().requireAvailable()).isEqualTo(ModelOptions.cpu());
    }
}
