package dev.nabla.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.lessons.LossCurveVerdict.Verdict;
import org.junit.jupiter.api.Test;

/** Synthetic curves for each rule of {@link LossCurveVerdict}, on both sides of each threshold, and the real study. */
class LossCurveVerdictTest {
    /** floor + (start − floor)·r^t for t = 0..n−1. */
    static double[] geometric(double start, double floor, double r, int n) {
        double[] l = new double[n];
        for (int t = 0; t < n; t++) l[t] = floor + (start - floor) * Math.pow(r, t);
        return l;
    }

    @Test void fastDecayToAFloorConverges() {
        assertEquals(Verdict.CONVERGES, LossCurveVerdict.of(geometric(4, 0.01, 0.8, 101)));
        assertEquals(Verdict.CONVERGES, LossCurveVerdict.of(new double[] {4.0, 1.0, 0.3, 0.1, 0.1}));
    }

    @Test void nonFiniteOrEndingHigherDiverges() {
        assertEquals(Verdict.DIVERGES, LossCurveVerdict.of(new double[] {1, 0.5, Double.NaN}));
        assertEquals(Verdict.DIVERGES, LossCurveVerdict.of(new double[] {1, 10, Double.POSITIVE_INFINITY}));
        assertEquals(Verdict.DIVERGES, LossCurveVerdict.of(geometric(1, 0, 1.5, 50)));
        // ends just above the start after dipping: diverges (final > initial)
        assertEquals(Verdict.DIVERGES, LossCurveVerdict.of(new double[] {1, 0.5, 0.7, 1.01}));
        // ends just below the start: not diverging
        assertEquals(Verdict.SLOW, LossCurveVerdict.of(new double[] {1, 0.5, 0.7, 0.99}));
    }

    @Test void zigzagWithoutProgressOscillates() {
        double[] l = new double[100];
        for (int t = 0; t < 100; t++) l[t] = t < 10 ? 4 - 0.35 * t : 0.5 + (t % 2 == 0 ? 0.1 : -0.1);
        assertEquals(Verdict.OSCILLATES, LossCurveVerdict.of(l));
    }

    @Test void tinyWigglesAtAFloorDoNotOscillate() {
        // alternating ±1e-6 around 0.01: amplitude 0.01% of the loss, below the 1% threshold
        double[] l = geometric(4, 0.01, 0.7, 100);
        for (int t = 50; t < 100; t++) l[t] += (t % 2 == 0 ? 1e-6 : -1e-6);
        assertEquals(Verdict.CONVERGES, LossCurveVerdict.of(l));
    }

    @Test void zigzagThatStillMakesProgressDoesNotOscillate() {
        // every other step goes up a little (100% sign changes, steps > 1% of the loss), but the tail keeps
        // falling 5% per epoch: the path is < 3× the net change, so it is not oscillating — it is still falling (slow)
        double[] l = new double[100];
        for (int t = 0; t < 100; t++) l[t] = 4 * Math.pow(0.95, t) * (t % 2 == 0 ? 1.0 : 1.08);
        LossCurveVerdict.Assessment a = LossCurveVerdict.assess(l);
        assertTrue(a.signChangeFraction() > 0.9 && a.relativeAmplitude() > 0.01 && a.pathOverNet() < 3, a.toString());
        assertEquals(Verdict.SLOW, a.verdict());
    }

    @Test void barelyMovingIsSlow() {
        assertEquals(Verdict.SLOW, LossCurveVerdict.of(geometric(4, 0, 0.99, 101)));   // final/initial 0.37
        assertEquals(Verdict.SLOW, LossCurveVerdict.of(new double[] {1, 1}));          // no progress at all
    }

    @Test void stillFallingAtTheEndIsSlowEvenIfFarBelowTheStart() {
        // fast early drop (ratio < 0.1) then a slow mode still decaying 2%/epoch at the end
        double[] l = new double[101];
        for (int t = 0; t <= 100; t++) l[t] = 3.9 * Math.pow(0.5, t) + 0.1 * Math.pow(0.98, t) + 0.001;
        LossCurveVerdict.Assessment a = LossCurveVerdict.assess(l);
        assertEquals(Verdict.SLOW, a.verdict(), a.reason());
        // the same shape with the slow mode finished converges
        for (int t = 0; t <= 100; t++) l[t] = 3.9 * Math.pow(0.5, t) + 0.1 * Math.pow(0.8, t) + 0.001;
        assertEquals(Verdict.CONVERGES, LossCurveVerdict.of(l));
    }

    @Test void tooShortACurveIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LossCurveVerdict.of(new double[] {1}));
    }

    /** Exercise 4's real curves: the verdicts follow from the curves (and are the four different ones). */
    @Test void learningRateStudyVerdictsFollowTheCurves() {
        Exercises.LrStudy s = Exercises.learningRateStudy();
        Verdict[] expected = {Verdict.SLOW, Verdict.CONVERGES, Verdict.OSCILLATES, Verdict.DIVERGES};
        assertEquals(4, s.runs().size());
        for (int i = 0; i < 4; i++) {
            Exercises.LrRun run = s.runs().get(i);
            assertEquals(Exercises.STUDY_RATES[i], run.lr());
            assertEquals(LossCurveVerdict.of(run.fit().losses()), run.assessment().verdict(), "verdict is the curve's");
            assertEquals(expected[i], run.assessment().verdict(), "lr " + run.lr() + ": " + run.assessment().reason());
        }
        double[] slow = s.runs().get(0).fit().losses(), conv = s.runs().get(1).fit().losses();
        // what the verdicts mean, checked on the numbers themselves
        assertEquals(true, slow[slow.length - 1] > 2 * conv[conv.length - 1], "lr 0.01 ends far above lr 0.1");
        double[] div = s.runs().get(3).fit().losses();
        assertEquals(true, div[div.length - 1] > div[0] || !Double.isFinite(div[div.length - 1]));
    }
}
