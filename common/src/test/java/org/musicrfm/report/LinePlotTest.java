package org.musicrfm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LinePlotTest {

    @Test
    void drawsEachSeriesInItsColourOnAWhitePng() throws Exception {
        byte[] png = new LinePlot("t", "layer", "accuracy", new double[] {0, 1, 2, 3})
                .add("a", new double[] {0.1, 0.5, 0.9, Double.NaN})
                .add("b", new double[] {0.2, 0.2, 0.2, 0.2})
                .png();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(520);
        assertThat(img.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        int blue = 0;
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                blue += rgb == 0x1f77b4 ? 1 : 0;
                red += rgb == 0xd62728 ? 1 : 0;
            }
        }
        assertThat(blue).isGreaterThan(50);
        assertThat(red).isGreaterThan(50);
    }

    @Test
    void seriesLengthMustMatch() {
        assertThatThrownBy(() -> new LinePlot("t", "x", "y", new double[] {0, 1}).add("a", new double[] {1}))
                .hasMessageContaining("a");
    }
}
