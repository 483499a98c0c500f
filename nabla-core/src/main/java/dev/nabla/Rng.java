package dev.nabla;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The default random generator that layers use for initialisation when none is passed, seeded with
 * {@link #manualSeed(long)} as {@code torch.manual_seed}. Pass an explicit {@link RandomGenerator}
 * wherever reproducibility across code changes matters.
 */
public final class Rng {
    private Rng() {}

    private static SplittableRandom global = new SplittableRandom(0x5eed);

    /** Re-seeds the default generator. */
    public static synchronized void manualSeed(long seed) { global = new SplittableRandom(seed); }

    /** The default generator. */
    public static synchronized RandomGenerator global() { return global; }

    /** A fresh generator seeded with {@code seed}. */
    public static RandomGenerator seeded(long seed) { return new SplittableRandom(seed); }
}
