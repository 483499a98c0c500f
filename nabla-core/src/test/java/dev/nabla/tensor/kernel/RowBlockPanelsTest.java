package dev.nabla.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * How the float32 GEMM cuts a thread's row panels into blocks of A ({@link VectorGemmF32#rowBlockPanels}): the
 * fewest blocks of at most 1.25 × the target, evened out. Expected values worked out by hand from that rule.
 */
class RowBlockPanelsTest {

    @Test
    void aSmallRemainderJoinsTheBlock() {
        assertEquals(9, VectorGemmF32.rowBlockPanels(9, 9));
        assertEquals(10, VectorGemmF32.rowBlockPanels(10, 9));   // 10 ≤ 11.25: one block, not 9 + 1
        assertEquals(11, VectorGemmF32.rowBlockPanels(11, 9));
    }

    @Test
    void largerRangesAreCutEvenly() {
        assertEquals(6, VectorGemmF32.rowBlockPanels(12, 9));    // 12 > 11.25: two blocks of 6
        assertEquals(11, VectorGemmF32.rowBlockPanels(74, 9));   // 1024 rows of 14: ceil(74 / 11.25) = 7 blocks, 11 panels each
        assertEquals(20, VectorGemmF32.rowBlockPanels(40, 16));  // 40 ≤ 2 × 20: two blocks of 20
        assertEquals(1, VectorGemmF32.rowBlockPanels(1, 16));
    }

    @Test
    void blocksCoverEveryPanelAndStayNearTheTarget() {
        for (int target = 1; target <= 20; target++) {
            for (int panels = 1; panels <= 300; panels++) {
                int b = VectorGemmF32.rowBlockPanels(panels, target);
                int blocks = (panels + b - 1) / b;
                assertTrue(b >= 1 && b <= Math.max(1, (int) Math.ceil(1.25 * target)), panels + " panels, target " + target + ": " + b);
                assertTrue((long) blocks * b >= panels && (long) (blocks - 1) * b < panels, "cover " + panels + " with " + b);
                // no block shorter than needed: the last block is at least as long as one fewer panel per block would give
                assertTrue(panels - (blocks - 1) * b >= 1, "non-empty last block");
            }
        }
    }
}
