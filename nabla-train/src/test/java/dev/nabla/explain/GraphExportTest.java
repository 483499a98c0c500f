package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOT has the expected nodes and edges; SVG and PNG (ELK layout, no Graphviz) are written and decode. */
class GraphExportTest {
    @TempDir Path dir;

    private static GraphExport tutorialGraph() {
        Explanation e = Explainer.explain(NetworkSpec.tutorial(), Tensor.fromArray(new double[] {3.0}, 1, 1),
                Tensor.fromArray(new double[] {2.5}, 1, 1), "sgd", 0.1);
        return GraphExport.of(e, true).useGraphviz(false);
    }

    @Test void dotHasTheTutorialsNodesAndEdges() {
        GraphExport g = tutorialGraph();
        String dot = g.toDot();
        assertTrue(dot.startsWith("digraph autograd {"));
        for (String s : List.of("a1  (1, 1)", "z1  (1, 1)", "y_pred  (1, 1)", "W1 (0.weight)", "value 0.9933", "label=\"sigmoid\"", "label=\"matmul\"")) {
            assertTrue(dot.contains(s), s);
        }
        assertTrue(g.edges().contains(new GraphExport.GEdge("z1", "op:a1")));
        assertTrue(g.edges().contains(new GraphExport.GEdge("op:a1", "a1")));
        assertTrue(g.edges().contains(new GraphExport.GEdge("b2", "op:y_pred")));
        assertFalse(g.edges().contains(new GraphExport.GEdge("x", "op:a1")));
    }

    @Test void svgAndPngWithoutGraphviz() throws Exception {
        List<Path> files = tutorialGraph().writeAll(dir, "graph");
        for (Path p : files) assertTrue(Files.size(p) > 100, p.toString());
        String svg = Files.readString(dir.resolve("graph.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("sigmoid") && svg.contains("<polyline"));
        BufferedImage img = ImageIO.read(dir.resolve("graph.png").toFile());
        assertTrue(img.getWidth() > 100 && img.getHeight() > 50);
    }

    @Test void anyTensorGraph() {
        Tensor a = Tensor.of(2.0).requiresGrad(true).name("a");
        Tensor loss = a.mul(a).add(a).sum();
        loss.backward();
        String dot = GraphExport.of(loss, true).toDot();
        assertTrue(dot.contains("label=\"mul\"") && dot.contains("label=\"add\"") && dot.contains("grad 5"), dot);
    }
}
