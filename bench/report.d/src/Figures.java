import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** XChart line and bar charts written as PNG files, each with the machine note under the plot. */
final class Figures {

    static final int WIDTH = 1150;
    static final int HEIGHT = 520;

    private final Path dir;
    private final String machineNote;
    private final List<String> written = new ArrayList<>();

    Figures(Path dir, String machineNote) {
        this.dir = dir;
        this.machineNote = machineNote;
    }

    List<String> written() {
        return written;
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).theme(Styler.ChartTheme.Matlab).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setDecimalPattern("#,##0.###");
        return chart;
    }

    static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    private static final Color[] TARGET_COLORS = {Color.GRAY, new Color(150, 90, 40), new Color(120, 40, 140)};

    /** A dashed horizontal line at {@code y} across [x0, x1], for a target (or a reference such as vanilla). */
    static void target(XYChart chart, String name, double x0, double x1, double y) {
        long dashed = chart.getSeriesMap().values().stream().filter(s -> s.getMarker() == SeriesMarkers.NONE
                && s.getLineStyle() == SeriesLines.DASH_DASH).count();
        XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setLineColor(TARGET_COLORS[(int) (dashed % TARGET_COLORS.length)]);
    }

    static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).theme(Styler.ChartTheme.Matlab).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.#");
        return chart;
    }

    /** Writes {@code name}.png: the chart with a line naming the machine, JDK, date and load under it. */
    String save(Chart<?, ?> chart, String name) {
        BufferedImage plot = BitmapEncoder.getBufferedImage(chart);
        int footer = 24;
        BufferedImage out = new BufferedImage(plot.getWidth(), plot.getHeight() + footer, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(plot, 0, 0, null);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(machineNote, 10, plot.getHeight() + 16);
        } finally {
            g.dispose();
        }
        String file = name + ".png";
        try {
            Files.createDirectories(dir);
            ImageIO.write(out, "png", dir.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(file), e);
        }
        written.add(file);
        return file;
    }
}
