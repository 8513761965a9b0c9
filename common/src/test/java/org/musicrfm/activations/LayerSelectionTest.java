package org.musicrfm.activations;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSelectionTest {

    @Test
    void layersOutsideTheModelOrRepeatedAreNamed() {
        assertThatCode(() -> LayerSelection.check(List.of(), 3, "/m")).doesNotThrowAnyException();
        assertThatCode(() -> LayerSelection.check(List.of(0, 2), 3, "/m")).doesNotThrowAnyException();
        assertThatThrownBy(() -> LayerSelection.check(List.of(0, 9), 3, "/models/tiny"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--layers 9: the model /models/tiny has 3 decoder layers (0..2)");
        assertThatThrownBy(() -> LayerSelection.check(List.of(-1), 3, "/m")).hasMessageContaining("--layers -1");
        assertThatThrownBy(() -> LayerSelection.check(List.of(1, 1), 3, "/m")).hasMessage("--layers 1 is given twice");
    }
}
