package org.musicrfm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class ModelOptionsTest {

    @Test
    void float32IsTheDefaultAndHalfNeedsAGpu() {
        assertThat(new ModelOptions(Device.cpu(), null).dtype()).isEqualTo(DataType.FLOAT32);
        assertThat(ModelOptions.parse("gpu:1", "fp16")).isEqualTo(new ModelOptions(Device.gpu(1), DataType.FLOAT16));
        assertThat(ModelOptions.parse("cuda", "float32").device()).isEqualTo(Device.gpu(0));
        assertThatThrownBy(() -> ModelOptions.parse("cpu", "float16")).hasMessageContaining("needs a GPU");
        assertThatThrownBy(() -> ModelOptions.parse("gpu", "bf16")).hasMessageContaining("bfloat16");
        assertThatThrownBy(() -> ModelOptions.parse("tpu", "float32")).hasMessageContaining("tpu");
    }
}
