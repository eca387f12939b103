package io.coerouter.bench;

import io.coerouter.skills.evaluate.TradeoffCurve;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a {@link TradeoffCurve} as a PNG with plain Java2D, accuracy against mean cost per question, in two panels:
 * on the left everything (each series' line through its tradeoff settings, every single expert alone as a grey
 * square, the oracle as a diamond), on the right the routed settings enlarged, each point labelled with the tradeoffs
 * that land on it.
 */
final class TradeoffChart {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 660;
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)
    };
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** A plotting area and the cost and accuracy ranges it shows. */
    private record Panel(
            double left, double top, double width, double height, double x0, double x1, double y0, double y1) {

        double x(double cost) {
            return left + width * (cost - x0) / (x1 - x0);
        }

        double y(double accuracy) {
            return top + height * (1 - (accuracy - y0) / (y1 - y0));
        }
    }

    private final TradeoffCurve curve;
    private final String title;

    private TradeoffChart(TradeoffCurve curve, String title) {
        this.curve = curve;
        this.title = title;
    }

    /** Writes {@code curve} to {@code file} (its folder is created). */
    static void write(TradeoffCurve curve, String title, Path file) throws IOException {
        BufferedImage image = new TradeoffChart(curve, title).draw();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static double cost(TradeoffCurve.Point p) {
        return p.meanCostUsd().doubleValue();
    }

    private List<TradeoffCurve.Point> routed() {
        return curve.points().stream()
                .filter(p -> p.kind().equals("routed") && p.tradeoff() != null)
                .toList();
    }

    private BufferedImage draw() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, 70, 30);

        double maxCost =
                curve.points().stream().mapToDouble(TradeoffChart::cost).max().orElse(1) * 1.1;
        Panel all = new Panel(70, 70, 520, 500, 0, maxCost == 0 ? 1 : maxCost, 0, 1);
        double lo = routed().stream().mapToDouble(TradeoffChart::cost).min().orElse(0);
        double hi = routed().stream().mapToDouble(TradeoffChart::cost).max().orElse(1);
        double loAcc = routed().stream()
                .mapToDouble(TradeoffCurve.Point::accuracy)
                .min()
                .orElse(0);
        double hiAcc = routed().stream()
                .mapToDouble(TradeoffCurve.Point::accuracy)
                .max()
                .orElse(1);
        double padX = Math.max((hi - lo) * 0.15, hi * 0.01 + 1e-12);
        double padY = Math.max((hiAcc - loAcc) * 0.25, 0.01);
        double y0 = Math.floor(100 * (loAcc - padY)) / 100;
        double y1 = Math.min(1.0, Math.ceil(100 * (hiAcc + padY)) / 100);
        Panel zoom = new Panel(700, 70, 520, 500, lo - padX, hi + padX, y0, y1);
        int points = (int) Math.round(100 * (y1 - y0));

        axes(g, all, "all settings, every expert alone and the oracle", 10, 5);
        axes(g, zoom, "the routed settings enlarged", points <= 10 ? points : (points + 1) / 2, 4);
        singles(g, all);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        g.draw(new Rectangle2D.Double(
                all.x(zoom.x0()),
                all.y(zoom.y1()),
                all.x(zoom.x1()) - all.x(zoom.x0()),
                all.y(zoom.y0()) - all.y(zoom.y1())));
        List<String> names = curve.seriesNames();
        for (int s = 0; s < names.size(); s++) {
            Color colour = COLOURS[s % COLOURS.length];
            line(g, all, names.get(s), colour, false, s);
            line(g, zoom, names.get(s), colour, true, s);
        }
        legend(g, names, 70, HEIGHT - 28);
        g.dispose();
        return image;
    }

    private static void axes(Graphics2D g, Panel p, String caption, int yTicks, int xTicks) {
        g.setFont(TEXT);
        g.setColor(Color.BLACK);
        g.drawString(caption, (float) p.left(), (float) p.top() - 12);
        for (int i = 0; i <= yTicks; i++) {
            double a = p.y0() + (p.y1() - p.y0()) * i / yTicks;
            g.setColor(new Color(0xe8e8e8));
            g.draw(new Line2D.Double(p.left(), p.y(a), p.left() + p.width(), p.y(a)));
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.1f%%", 100 * a);
            g.drawString(label, (float) p.left() - g.getFontMetrics().stringWidth(label) - 6, (float) p.y(a) + 4);
        }
        for (int i = 0; i <= xTicks; i++) {
            double c = p.x0() + (p.x1() - p.x0()) * i / xTicks;
            g.setColor(new Color(0xe8e8e8));
            g.draw(new Line2D.Double(p.x(c), p.top(), p.x(c), p.top() + p.height()));
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "$%.6f", c);
            g.drawString(label, (float) p.x(c) - g.getFontMetrics().stringWidth(label) / 2f, (float)
                    (p.top() + p.height() + 18));
        }
        g.setColor(Color.BLACK);
        g.draw(new Rectangle2D.Double(p.left(), p.top(), p.width(), p.height()));
        g.drawString("mean cost per question (US$)", (float) (p.left() + p.width() / 2 - 85), (float)
                (p.top() + p.height() + 38));
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("accuracy", (float) -(p.top() + p.height() / 2 + 25), (float) p.left() - 52);
        rotated.dispose();
    }

    private void singles(Graphics2D g, Panel p) {
        g.setFont(SMALL);
        for (TradeoffCurve.Point point : curve.points()) {
            if (point.kind().equals("routed")) {
                continue;
            }
            double px = p.x(cost(point));
            double py = p.y(point.accuracy());
            g.setColor(Color.GRAY);
            if (point.kind().equals("oracle")) {
                g.fillPolygon(
                        new int[] {(int) px, (int) px + 6, (int) px, (int) px - 6},
                        new int[] {(int) py - 6, (int) py, (int) py + 6, (int) py},
                        4);
            } else {
                g.fill(new Rectangle2D.Double(px - 4, py - 4, 8, 8));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(
                    point.series(), (float) px + 7, (float) py + (point.series().startsWith("a") ? 14 : -6));
        }
    }

    /** One series' line; with labels, each point names the tradeoffs that land on it. */
    private void line(Graphics2D g, Panel p, String name, Color colour, boolean labels, int index) {
        List<TradeoffCurve.Point> points =
                curve.series(name).stream().filter(q -> q.tradeoff() != null).toList();
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f));
        for (int i = 1; i < points.size(); i++) {
            g.draw(new Line2D.Double(
                    p.x(cost(points.get(i - 1))),
                    p.y(points.get(i - 1).accuracy()),
                    p.x(cost(points.get(i))),
                    p.y(points.get(i).accuracy())));
        }
        List<List<TradeoffCurve.Point>> groups = new ArrayList<>();
        for (TradeoffCurve.Point q : points) {
            List<TradeoffCurve.Point> last = groups.isEmpty() ? null : groups.getLast();
            // Settings within a few pixels of each other share a point and a label.
            if (last != null
                    && Math.abs(p.x(cost(last.getLast())) - p.x(cost(q))) < 6
                    && Math.abs(p.y(last.getLast().accuracy()) - p.y(q.accuracy())) < 6) {
                last.add(q);
            } else {
                groups.add(new ArrayList<>(List.of(q)));
            }
        }
        g.setFont(SMALL);
        for (List<TradeoffCurve.Point> group : groups) {
            double px = p.x(cost(group.getFirst()));
            double py = p.y(group.getFirst().accuracy());
            g.fill(new Ellipse2D.Double(px - 4, py - 4, 8, 8));
            if (labels) {
                String text = name + ": t = "
                        + String.join(
                                ", ",
                                group.stream().map(q -> trim(q.tradeoff())).toList());
                // Series take turns above and below their points, so series that share a point stay readable.
                float dy = index % 2 == 0 ? -8 - 13 * (index / 2) : 17 + 13 * (index / 2);
                float width = g.getFontMetrics().stringWidth(text);
                float x = (float) Math.min(px + 6, p.left() + p.width() - width - 4);
                g.drawString(text, x, (float) py + dy);
            }
        }
    }

    private static void legend(Graphics2D g, List<String> names, int x, int y) {
        g.setFont(TEXT);
        int at = x;
        for (int s = 0; s < names.size(); s++) {
            g.setColor(COLOURS[s % COLOURS.length]);
            g.fill(new Rectangle2D.Double(at, y - 9, 14, 10));
            g.setColor(Color.BLACK);
            g.drawString(names.get(s), at + 20, y);
            at += 40 + g.getFontMetrics().stringWidth(names.get(s));
        }
        g.setColor(Color.GRAY);
        g.fill(new Rectangle2D.Double(at, y - 9, 8, 8));
        g.setColor(Color.BLACK);
        g.drawString("single expert alone", at + 14, y);
        at += 40 + g.getFontMetrics().stringWidth("single expert alone");
        g.setColor(Color.GRAY);
        g.fillPolygon(new int[] {at + 5, at + 10, at + 5, at}, new int[] {y - 10, y - 5, y, y - 5}, 4);
        g.setColor(Color.BLACK);
        g.drawString("oracle (best expert per question)", at + 16, y);
    }

    private static String trim(double t) {
        return t == Math.rint(t) ? String.valueOf((int) t) : String.valueOf(t);
    }
}
