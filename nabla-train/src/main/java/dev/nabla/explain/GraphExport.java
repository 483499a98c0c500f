package dev.nabla.explain;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Node;
import dev.nabla.tensor.Shapes;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Pictures of an autograd graph, like micrograd's {@code draw_dot} and torchviz, for tensors: a box per
 * tensor (name, shape and optionally value and gradient) and an oval per op, with edges input → op →
 * output. Writes Graphviz DOT, and SVG and PNG that need no external program: the layout comes from
 * the Eclipse Layout Kernel's layered algorithm (a Sugiyama-style layout, run in plain Java), the
 * drawing is Nabla's own (SVG text, or Java2D for PNG). When Graphviz's {@code dot} is on the PATH,
 * SVG and PNG are rendered by it instead (unless {@link #useGraphviz(boolean)} turns that off).
 *
 * <pre>{@code
 * GraphExport g = GraphExport.of(explanation, true);
 * g.writeAll(Path.of("out"), "graph");   // graph.dot, graph.svg, graph.png
 * }</pre>
 */
public final class GraphExport {
    /** A box (tensor) or oval (op) of the picture. */
    public record GNode(String id, boolean op, List<String> lines, boolean parameter) {}

    /** An arrow from one node to another. */
    public record GEdge(String from, String to) {}

    private final List<GNode> nodes;
    private final List<GEdge> edges;
    private boolean graphviz = true;

    private GraphExport(List<GNode> nodes, List<GEdge> edges) {
        this.nodes = nodes;
        this.edges = edges;
    }

    /** The nodes in creation order. */
    public List<GNode> nodes() { return nodes; }

    /** The edges. */
    public List<GEdge> edges() { return edges; }

    /** Whether to use Graphviz's {@code dot} for SVG/PNG when it is on the PATH (default true); returns this. */
    public GraphExport useGraphviz(boolean on) {
        graphviz = on;
        return this;
    }

    /** The graph an {@link Explainer} walked, with values and gradients when {@code values}. */
    public static GraphExport of(Explanation e, boolean values) {
        List<GNode> ns = new ArrayList<>();
        List<GEdge> es = new ArrayList<>();
        for (Explanation.Leaf l : e.leaves()) {
            ns.add(new GNode(l.name(), false, label(l.name() + (l.parameter() != null && !l.parameter().equals(l.name()) ? " (" + l.parameter() + ")" : ""),
                    l.shape(), values ? l.value() : null, values ? l.grad() : null), "parameter".equals(l.kind())));
        }
        for (Explanation.ForwardStep f : e.forward()) {
            String opId = "op:" + f.name();
            ns.add(new GNode(opId, true, List.of(f.op()), false));
            for (String in : f.inputs()) es.add(new GEdge(in, opId));
            ns.add(new GNode(f.name(), false, label(f.name(), f.shape(), values ? f.value() : null, values ? f.grad() : null), false));
            es.add(new GEdge(opId, f.name()));
        }
        return new GraphExport(ns, dedupe(es));
    }

    /** The graph that produced {@code root}; leaf gradients are shown when present and {@code values}. */
    public static GraphExport of(Tensor root, boolean values) {
        GraphNames names = GraphNames.assign(root, null, null, null, null);
        List<GNode> ns = new ArrayList<>();
        List<GEdge> es = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor t : Autograd.topologicalOrder(root)) {
            if (seen.put(t, true) != null) continue;
            String id = names.name(t);
            double[] v = values ? t.toDoubleArray() : null;
            double[] g = values && t.grad() != null ? t.grad().toDoubleArray() : null;
            Node n = t.gradFn();
            if (n != null) {
                String opId = "op:" + id;
                ns.add(new GNode(opId, true, List.of(n.op()), false));
                for (Tensor in : n.inputs()) es.add(new GEdge(names.name(in), opId));
                es.add(new GEdge(opId, id));
            }
            ns.add(new GNode(id, false, label(id, t.shape(), v, g), t.isLeaf() && t.requiresGrad()));
        }
        return new GraphExport(ns, dedupe(es));
    }

    private static List<GEdge> dedupe(List<GEdge> es) { return new ArrayList<>(new java.util.LinkedHashSet<>(es)); }

    private static List<String> label(String name, int[] shape, double[] value, double[] grad) {
        List<String> l = new ArrayList<>();
        l.add(name + "  " + Shapes.format(shape));
        if (value != null) l.add("value " + short_(value, shape));
        if (grad != null) l.add("grad " + short_(grad, shape));
        return l;
    }

    private static String short_(double[] v, int[] shape) {
        if (v.length > 6) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double x : v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
            return "in [" + ExplanationFormat.num(lo, 4) + ", " + ExplanationFormat.num(hi, 4) + "]";
        }
        return ExplanationFormat.tensor(v, shape, 4);
    }

    // ------------------------------------------------------------------ DOT

    /** Graphviz DOT text (left to right, record boxes for tensors, ovals for ops). */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n");
        Map<String, String> ids = dotIds();
        for (GNode n : nodes) {
            if (n.op) {
                sb.append("  ").append(ids.get(n.id)).append(" [label=\"").append(esc(n.lines.get(0))).append("\", shape=ellipse];\n");
            } else {
                sb.append("  ").append(ids.get(n.id)).append(" [label=\"{");
                for (int i = 0; i < n.lines.size(); i++) sb.append(i > 0 ? " | " : "").append(escRecord(n.lines.get(i)));
                sb.append("}\", shape=record").append(n.parameter ? ", style=filled, fillcolor=\"#dbeafe\"" : "").append("];\n");
            }
        }
        for (GEdge e : edges) sb.append("  ").append(ids.get(e.from)).append(" -> ").append(ids.get(e.to)).append(";\n");
        return sb.append("}\n").toString();
    }

    private Map<String, String> dotIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        int i = 0;
        for (GNode n : nodes) ids.put(n.id, (n.op ? "op" : "t") + (i++));
        return ids;
    }

    private static String esc(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }

    private static String escRecord(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("{}|<>\"\\".indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ layout

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int LINE = 16, PAD = 8;

    /** Node boxes and edge polylines after layout. */
    private record Layout(Map<String, double[]> boxes, List<double[]> paths, double width, double height) {}

    private Layout layout() {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 30.0);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 18.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(16));
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        FontMetrics fm = g.getFontMetrics(FONT);
        Map<String, ElkNode> elk = new LinkedHashMap<>();
        for (GNode n : nodes) {
            int w = 0;
            for (String s : n.lines) w = Math.max(w, fm.stringWidth(s));
            ElkNode e = ElkGraphUtil.createNode(root);
            if (n.op) e.setDimensions(w + 3 * PAD, LINE + 2 * PAD);
            else e.setDimensions(w + 2 * PAD, n.lines.size() * LINE + PAD);
            elk.put(n.id, e);
        }
        g.dispose();
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (GEdge e : edges) {
            ElkNode a = elk.get(e.from), b = elk.get(e.to);
            if (a != null && b != null) elkEdges.add(ElkGraphUtil.createSimpleEdge(a, b));
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        Map<String, double[]> boxes = new LinkedHashMap<>();
        for (Map.Entry<String, ElkNode> e : elk.entrySet()) {
            ElkNode n = e.getValue();
            boxes.put(e.getKey(), new double[] {n.getX(), n.getY(), n.getWidth(), n.getHeight()});
        }
        List<double[]> paths = new ArrayList<>();
        for (ElkEdge e : elkEdges) {
            for (ElkEdgeSection s : e.getSections()) {
                List<Double> pts = new ArrayList<>(List.of(s.getStartX(), s.getStartY()));
                for (ElkBendPoint bp : s.getBendPoints()) { pts.add(bp.getX()); pts.add(bp.getY()); }
                pts.add(s.getEndX());
                pts.add(s.getEndY());
                double[] p = new double[pts.size()];
                for (int i = 0; i < p.length; i++) p[i] = pts.get(i);
                paths.add(p);
            }
        }
        return new Layout(boxes, paths, root.getWidth(), root.getHeight());
    }

    // ------------------------------------------------------------------ SVG and PNG

    /** An SVG picture (Graphviz when available and allowed, else ELK layout and Nabla's drawing). */
    public String toSvg() {
        if (graphviz && dotOnPath()) {
            byte[] b = runDot("svg");
            if (b != null) return new String(b, StandardCharsets.UTF_8);
        }
        Layout lay = layout();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
                lay.width, lay.height, lay.width, lay.height));
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<g font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        for (double[] p : lay.paths) {
            sb.append("<polyline fill=\"none\" stroke=\"#444\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\" points=\"");
            for (int i = 0; i < p.length; i += 2) sb.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i > 0 ? " " : "", p[i], p[i + 1]));
            sb.append("\"/>\n");
        }
        for (GNode n : nodes) {
            double[] b = lay.boxes.get(n.id);
            if (n.op) {
                sb.append(String.format(Locale.ROOT, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\" fill=\"#fef3c7\" stroke=\"#92400e\"/>\n",
                        b[0] + b[2] / 2, b[1] + b[3] / 2, b[2] / 2, b[3] / 2));
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                        b[0] + b[2] / 2, b[1] + b[3] / 2 + 4, xml(n.lines.get(0))));
            } else {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\" fill=\"%s\" stroke=\"#1f2937\"/>\n",
                        b[0], b[1], b[2], b[3], n.parameter ? "#dbeafe" : "#ffffff"));
                for (int i = 0; i < n.lines.size(); i++) {
                    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>\n", b[0] + PAD, b[1] + PAD / 2.0 + (i + 1) * LINE - 4,
                            i == 0 ? " font-weight=\"bold\"" : "", xml(n.lines.get(i))));
                }
            }
        }
        return sb.append("</g>\n</svg>\n").toString();
    }

    private static String xml(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }

    /** A PNG-ready picture drawn with Java2D (headless), at {@code scale} (2 = sharp on HiDPI). */
    public BufferedImage toImage(double scale) {
        Layout lay = layout();
        int w = (int) Math.ceil(lay.width * scale), h = (int) Math.ceil(lay.height * scale);
        BufferedImage img = new BufferedImage(Math.max(w, 1), Math.max(h, 1), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.scale(scale, scale);
        g.setFont(FONT);
        g.setStroke(new BasicStroke(1.2f));
        Color edge = new Color(0x44, 0x44, 0x44);
        for (double[] p : lay.paths) {
            Path2D path = new Path2D.Double();
            path.moveTo(p[0], p[1]);
            for (int i = 2; i < p.length; i += 2) path.lineTo(p[i], p[i + 1]);
            g.setColor(edge);
            g.draw(path);
            double x1 = p[p.length - 4], y1 = p[p.length - 3], x2 = p[p.length - 2], y2 = p[p.length - 1];
            double ang = Math.atan2(y2 - y1, x2 - x1);
            Path2D head = new Path2D.Double();
            head.moveTo(x2, y2);
            head.lineTo(x2 - 8 * Math.cos(ang - 0.4), y2 - 8 * Math.sin(ang - 0.4));
            head.lineTo(x2 - 8 * Math.cos(ang + 0.4), y2 - 8 * Math.sin(ang + 0.4));
            head.closePath();
            g.fill(head);
        }
        FontMetrics fm = g.getFontMetrics();
        for (GNode n : nodes) {
            double[] b = lay.boxes.get(n.id);
            if (n.op) {
                Ellipse2D e = new Ellipse2D.Double(b[0], b[1], b[2], b[3]);
                g.setColor(new Color(0xfe, 0xf3, 0xc7));
                g.fill(e);
                g.setColor(new Color(0x92, 0x40, 0x0e));
                g.draw(e);
                g.setColor(Color.BLACK);
                String s = n.lines.get(0);
                g.drawString(s, (float) (b[0] + (b[2] - fm.stringWidth(s)) / 2), (float) (b[1] + b[3] / 2 + 4));
            } else {
                RoundRectangle2D r = new RoundRectangle2D.Double(b[0], b[1], b[2], b[3], 8, 8);
                g.setColor(n.parameter ? new Color(0xdb, 0xea, 0xfe) : Color.WHITE);
                g.fill(r);
                g.setColor(new Color(0x1f, 0x29, 0x37));
                g.draw(r);
                for (int i = 0; i < n.lines.size(); i++) {
                    g.setFont(i == 0 ? FONT.deriveFont(Font.BOLD) : FONT);
                    g.drawString(n.lines.get(i), (float) (b[0] + PAD), (float) (b[1] + PAD / 2.0 + (i + 1) * LINE - 4));
                }
                g.setFont(FONT);
            }
        }
        g.dispose();
        return img;
    }

    /** PNG bytes (Graphviz when available and allowed, else {@link #toImage}). */
    public byte[] toPng() {
        if (graphviz && dotOnPath()) {
            byte[] b = runDot("png");
            if (b != null) return b;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(toImage(2), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code base}.dot, {@code base}.svg and {@code base}.png into {@code dir}; returns the paths. */
    public List<Path> writeAll(Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (String ext : List.of("dot", "svg", "png")) {
            Path p = dir.resolve(base + "." + ext);
            write(p);
            out.add(p);
        }
        return out;
    }

    /** Writes one file; the format follows the extension (.dot/.gv, .svg, .png), atomically. */
    public void write(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (n.endsWith(".dot") || n.endsWith(".gv")) bytes = toDot().getBytes(StandardCharsets.UTF_8);
        else if (n.endsWith(".svg")) bytes = toSvg().getBytes(StandardCharsets.UTF_8);
        else if (n.endsWith(".png")) bytes = toPng();
        else throw new IllegalArgumentException("graph: unknown picture format '" + file.getFileName() + "' (use .dot, .svg or .png)");
        dev.nabla.io.AtomicFiles.writeBytes(file, bytes);
    }

    private static Boolean dotCache;

    /** Whether Graphviz's {@code dot} runs on this machine. */
    public static synchronized boolean dotOnPath() {
        if (dotCache == null) {
            boolean ok = false;
            String path = System.getenv("PATH");
            if (path != null) {
                for (String d : path.split(java.io.File.pathSeparator)) {
                    if (!d.isEmpty() && Files.isExecutable(Path.of(d, "dot"))) { ok = true; break; }
                }
            }
            dotCache = ok;
        }
        return dotCache;
    }

    private byte[] runDot(String format) {
        try {
            Process p = new ProcessBuilder("dot", "-T" + format).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var os = p.getOutputStream()) { os.write(toDot().getBytes(StandardCharsets.UTF_8)); }
            byte[] out;
            try (InputStream in = p.getInputStream()) { out = in.readAllBytes(); }
            if (!p.waitFor(30, TimeUnit.SECONDS)) { p.destroyForcibly(); return null; }
            return p.exitValue() == 0 && out.length > 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
