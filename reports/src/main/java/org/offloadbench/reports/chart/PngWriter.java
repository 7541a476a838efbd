package org.offloadbench.reports.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/**
 * Writes a chart as PNG at twice its CSS size: the chart is laid out at 1x and drawn through a 2x
 * transform, so fonts and lines keep their proportions and stay sharp on high-density screens.
 */
public final class PngWriter {
    public static final int SCALE = 2;

    private PngWriter() {
    }

    public static ChartImage write(JFreeChart chart, Path reportDir, String name, int width, int height)
            throws IOException {
        return write(reportDir, name, width, height, g -> chart.draw(g, new Rectangle2D.Double(0, 0, width, height)));
    }

    /** Writes what {@code drawing} draws on a {@code width} x {@code height} (CSS pixels) canvas. */
    public static ChartImage write(Path reportDir, String name, int width, int height, Consumer<Graphics2D> drawing)
            throws IOException {
        String relative = "charts/" + name + ".png";
        Path file = reportDir.resolve(relative);
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            drawing.accept(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
        return new ChartImage(relative, width, height);
    }
}
