package org.musicrfm.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.musicrfm.io.AtomicFiles;

/**
 * A small line chart (series of y over shared x values) written as PNG. Hand-drawn with Java2D:
 * the JDK renders headless and no plotting library is on the cluster's classpath.
 */
public final class LinePlot {

    /** One line: its legend label and one y per x (NaN leaves a gap). */
    public record Series(String label, double[] y) {}

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] x;
    private final List<Series> series = new ArrayList<>();

    public LinePlot(String title, String xLabel, String yLabel, double[] x) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.x = x.clone();
    }

    public LinePlot add(String label, double[] y) {
        if (y.length != x.length) {
            throw new IllegalArgumentException("series " + label + " has " + y.length + " values for " + x.length + " x");
        }
        series.add(new Series(label, y.clone()));
        return this;
    }

    /** The chart as PNG bytes. */
    public byte[] png() throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double xMin = min(x);
        double xMax = Math.max(max(x), xMin + 1e-9);
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            yMin = Math.min(yMin, min(s.y()));
            yMax = Math.max(yMax, max(s.y()));
        }
        if (!(yMax > yMin)) {
            yMin = Double.isFinite(yMin) ? yMin - 0.5 : 0;
            yMax = yMin + 1;
        }
        double pad = 0.05 * (yMax - yMin);
        yMin -= pad;
        yMax += pad;
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 5; i++) {
            int yy = TOP + ph - i * ph / 5;
            g.drawLine(LEFT, yy, LEFT + pw, yy);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
        for (int i = 0; i <= 5; i++) {
            double v = yMin + i * (yMax - yMin) / 5;
            int yy = TOP + ph - i * ph / 5;
            g.drawString(String.format(Locale.ROOT, "%.3g", v), LEFT - 48, yy + 4);
        }
        int ticks = Math.min(x.length, 12);
        for (int i = 0; i < ticks; i++) {
            int k = ticks == 1 ? 0 : (int) Math.round(i * (x.length - 1) / (double) (ticks - 1));
            int xx = LEFT + (int) Math.round((x[k] - xMin) / (xMax - xMin) * pw);
            g.drawLine(xx, TOP + ph, xx, TOP + ph + 4);
            g.drawString(label(x[k]), xx - 8, TOP + ph + 18);
        }
        g.drawString(xLabel, LEFT + pw / 2 - 20, H - 15);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + ph / 2 + 30), 14);
        g.rotate(Math.PI / 2);

        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            int px = -1;
            int py = -1;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(ser.y()[i])) {
                    px = -1;
                    continue;
                }
                int xx = LEFT + (int) Math.round((x[i] - xMin) / (xMax - xMin) * pw);
                int yy = TOP + ph - (int) Math.round((ser.y()[i] - yMin) / (yMax - yMin) * ph);
                g.fillOval(xx - 3, yy - 3, 6, 6);
                if (px >= 0) {
                    g.drawLine(px, py, xx, yy);
                }
                px = xx;
                py = yy;
            }
            g.drawLine(W - RIGHT + 15, TOP + 10 + 20 * s, W - RIGHT + 40, TOP + 10 + 20 * s);
            g.setColor(Color.BLACK);
            g.drawString(ser.label(), W - RIGHT + 46, TOP + 14 + 20 * s);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Writes the PNG atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, png());
    }

    private static String label(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.min(m, d);
            }
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.max(m, d);
            }
        }
        return m;
    }
}
