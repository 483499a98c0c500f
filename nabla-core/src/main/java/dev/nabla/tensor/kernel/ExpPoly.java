package dev.nabla.tensor.kernel;

/**
 * The constants of Nabla's own float64 exp ({@link ScalarDoubleKernels#expReproducible}, and lane by lane
 * {@link VectorDoubleKernels#expReproducible}): x = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, fdlibm's split of ln2),
 * e^r by its Taylor series to degree 13 (truncation error below 5e-18 relative), then two exact scalings by
 * 2^⌊k/2⌋ and 2^(k−⌊k/2⌋) so that subnormal and overflowing results round once, as a single scaling would not.
 * Arguments are clamped to [−760, 720] first, where e^x is already 0 or ∞.
 */
final class ExpPoly {
    private ExpPoly() {}

    static final double LO = -760, HI = 720;
    static final double LOG2E = 1.4426950408889634;
    /** 1.5·2^52: adding it rounds to an integer (to nearest, ties to even) held in the low bits of the sum. */
    static final double SHIFTER = 0x1.8p52;
    static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** ln 2 split as fdlibm's ln2HI / ln2LO: k·LN2_HI is exact for |k| < 2^11. */
    static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    /** 1/i! for i = 2..13 (the terms of degree 0 and 1 are 1). */
    static final double C2 = 1.0 / 2, C3 = C2 / 3, C4 = C3 / 4, C5 = C4 / 5, C6 = C5 / 6, C7 = C6 / 7, C8 = C7 / 8,
            C9 = C8 / 9, C10 = C9 / 10, C11 = C10 / 11, C12 = C11 / 12, C13 = C12 / 13;
}
