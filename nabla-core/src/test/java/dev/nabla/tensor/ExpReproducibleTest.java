package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.tensor.kernel.DoubleKernels;
import dev.nabla.tensor.kernel.ScalarDoubleKernels;
import dev.nabla.tensor.kernel.VectorDoubleKernels;
import dev.nabla.tensor.kernel.VectorSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DoubleKernels#expReproducible}, the exp behind softmax and cross-entropy: within 1 ulp of the JDK's
 * {@link StrictMath#exp} (fdlibm, itself within 1 ulp of e^x) over the whole double range, subnormal results and
 * the special values included; the same bits on the vector and the scalar path; and the same bits in a JVM that
 * never compiles (-Xint), which is what the Vector API's own {@code EXP} fails (its interpreted fallback calls
 * {@link Math#exp}, its C2 form a vector library that differs by 1 ulp in ~5% of arguments, so seeded runs would
 * depend on when C2 compiled the loop).
 */
class ExpReproducibleTest {
    @TempDir Path dir;

    /** Arguments: softmax's range (x − max ≤ 0), the whole finite range, the subnormal tail, and odd values. */
    static double[] arguments(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                case 0 -> -30 * r.nextDouble();
                case 1 -> -745.2 + (709.8 + 745.2) * r.nextDouble();
                case 2 -> -745.2 + 37 * r.nextDouble(); // results below Double.MIN_NORMAL
                default -> (float) (r.nextGaussian() * 5);
            };
        }
        return x;
    }

    static final double[] SPECIAL = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, 0.0, -0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-17, 709.782712893384, 709.7827128933841, 710, 1e308,
        -1e308, -745.1332191019411, -745.1332191019412, -708.3964185322641, 0.5 * Math.log(2), -0.5 * Math.log(2), 1, -1};

    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    @Test
    void withinOneUlpOfStrictMathEverywhere() {
        double[] x = arguments(400_000, 1);
        double[] out = new double[x.length];
        DoubleKernels.expReproducible(x, 0, out, 0, x.length);
        long exact = 0;
        for (int i = 0; i < x.length; i++) {
            long u = ulps(StrictMath.exp(x[i]), out[i]);
            if (u > 1) throw new AssertionError("exp(" + x[i] + ") = " + out[i] + ", StrictMath " + StrictMath.exp(x[i]) + ": " + u + " ulps");
            if (u == 0) exact++;
        }
        assertTrue(exact > 0.9 * x.length, "exactly rounded in only " + exact + " of " + x.length);
        double[] s = SPECIAL.clone();
        DoubleKernels.expReproducible(s, 0, s, 0, s.length);
        for (int i = 0; i < s.length; i++) {
            assertTrue(ulps(StrictMath.exp(SPECIAL[i]), s[i]) <= 1, "exp(" + SPECIAL[i] + ") = " + s[i] + ", StrictMath " + StrictMath.exp(SPECIAL[i]));
        }
        assertEquals(Double.POSITIVE_INFINITY, s[1]);
        assertEquals(0.0, s[0]);
        assertTrue(Double.isNaN(s[2]));
    }

    @Test
    void vectorAndScalarPathsGiveTheSameBits() {
        assumeTrue(VectorSupport.modulePresent(), "Vector API module not present");
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 33, 1000, 4099}) {
            double[] x = arguments(n + 3, n);
            double[] v = new double[n + 5], s = new double[n + 5];
            VectorDoubleKernels.expReproducible(x, 3, v, 2, n);
            ScalarDoubleKernels.expReproducible(x, 3, s, 2, n);
            for (int i = 0; i < n + 5; i++) {
                assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]), "n=" + n + " i=" + i);
            }
        }
        double[] v = new double[SPECIAL.length];
        VectorDoubleKernels.expReproducible(SPECIAL, 0, v, 0, v.length);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(ScalarDoubleKernels.expReproducible(SPECIAL[i])), Double.doubleToRawLongBits(v[i]), "exp(" + SPECIAL[i] + ")");
        }
    }

    /** A hash of the vector kernel's bits on {@link #arguments}: what {@link #main} prints in a child JVM. */
    static long bitsHash(int warmUps) {
        double[] x = arguments(20_000, 7);
        double[] out = new double[x.length];
        for (int w = 0; w < warmUps; w++) VectorDoubleKernels.expReproducible(x, 0, out, 0, 2_000);
        VectorDoubleKernels.expReproducible(x, 0, out, 0, x.length);
        long h = 17;
        for (double v : out) h = h * 31 + Double.doubleToRawLongBits(v);
        return h;
    }

    public static void main(String[] args) {
        System.out.println("HASH " + bitsHash(0));
    }

    @Test
    void theSameBitsInAJvmThatNeverCompiles() throws IOException, InterruptedException {
        assumeTrue(VectorSupport.enabled(), "Vector API not in use");
        long compiled = bitsHash(3_000); // C2 has compiled the loop by now (it takes a few hundred calls)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xint",
                "-cp", System.getProperty("java.class.path"), ExpReproducibleTest.class.getName())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), log);
        String line = log.lines().filter(l -> l.startsWith("HASH ")).findFirst().orElseThrow(() -> new AssertionError("no hash in:\n" + log));
        assertEquals(compiled, Long.parseLong(line.substring(5)), "interpreted and compiled kernels differ");
    }
}
