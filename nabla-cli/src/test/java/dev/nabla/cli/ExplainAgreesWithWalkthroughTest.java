package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.io.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** For the tutorial's 1-1-1 example, `nabla explain` and `nabla walkthrough` agree to the last digit. */
class ExplainAgreesWithWalkthroughTest {

    private static Map<?, ?> json(String... args) throws Exception {
        CliRun r = CliRun.run(args);
        assertEquals(0, r.code(), r.err());
        return (Map<?, ?>) Json.parse(r.out().trim());
    }

    private static double first(Object list) { return ((Number) ((List<?>) list).get(0)).doubleValue(); }

    @Test
    void sameNumbersExactly() throws Exception {
        Map<?, ?> w = json("walkthrough", "--json");
        Map<?, ?> e = json("explain", "--tutorial", "--json");
        Map<String, Double> nodes = new HashMap<>();
        for (Object o : (List<?>) e.get("nodes")) {
            Map<?, ?> n = (Map<?, ?>) o;
            nodes.put((String) n.get("id"), first(n.get("value")));
        }
        Map<String, Map<?, ?>> params = new HashMap<>();
        for (Object o : (List<?>) e.get("parameters")) params.put((String) ((Map<?, ?>) o).get("name"), (Map<?, ?>) o);
        assertEquals(((Number) w.get("z1")).doubleValue(), nodes.get("z1"), 0.0);
        assertEquals(((Number) w.get("a1")).doubleValue(), nodes.get("a1"), 0.0);
        assertEquals(((Number) w.get("y_pred")).doubleValue(), nodes.get("y_pred"), 0.0);
        String[][] pairs = {{"0.weight", "dL_dw1", "w1_new"}, {"0.bias", "dL_db1", "b1_new"}, {"2.weight", "dL_dw2", "w2_new"}, {"2.bias", "dL_db2", "b2_new"}};
        for (String[] p : pairs) {
            assertEquals(((Number) w.get(p[1])).doubleValue(), first(params.get(p[0]).get("grad")), 0.0, p[1]);
            assertEquals(((Number) w.get(p[2])).doubleValue(), first(params.get(p[0]).get("new_value")), 0.0, p[2]);
        }
    }
}
