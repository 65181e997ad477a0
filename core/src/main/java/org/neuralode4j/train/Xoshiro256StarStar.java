package org.neuralode4j.train;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * xoshiro256** (Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", 2021): a
 * small, fast generator whose whole state is four 64-bit words that can be exported and restored
 * exactly, which is what makes a resumed training run draw the same batches as an uninterrupted
 * one ({@link java.util.SplittableRandom} cannot export its state).
 *
 * <p>Seeding: the four words are the first four outputs of SplitMix64 started at the seed, as the
 * authors recommend, so nearby seeds give unrelated streams. Every method is a pure function of the
 * state: {@link #nextDouble()} uses the top 53 bits, {@link #nextInt(int)} and friends are the JDK's
 * default algorithms over {@link #nextLong()}, and {@link #nextGaussian()} is the Box–Muller
 * transform on two fresh doubles with {@link StrictMath} (no cached second value, so the exported
 * state is all there is, and the same on every JVM and platform).
 *
 * <p>Not thread-safe; not for cryptography.
 */
public final class Xoshiro256StarStar implements RandomGenerator {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator seeded from {@code seed} through SplitMix64. */
    public Xoshiro256StarStar(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    private Xoshiro256StarStar(long[] state) {
        setState(state);
    }

    /**
     * A generator continuing from a state exported by {@link #state()}.
     *
     * @param state four words, not all zero; not modified
     * @throws IllegalArgumentException otherwise
     */
    public static Xoshiro256StarStar fromState(long[] state) {
        return new Xoshiro256StarStar(state);
    }

    /** SplitMix64's output function (Steele, Lea &amp; Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A copy of the four state words; {@link #fromState} or {@link #setState} continue from it. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /**
     * Replaces the state.
     *
     * @param state four words, not all zero; not modified
     * @throws IllegalArgumentException otherwise
     */
    public void setState(long[] state) {
        if (state == null || state.length != 4) {
            throw new IllegalArgumentException("xoshiro256** state must be 4 words, got "
                    + (state == null ? "null" : state.length));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("xoshiro256** state must not be all zero");
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }

    /** An independent copy at the same position in the stream. */
    public Xoshiro256StarStar copy() {
        return new Xoshiro256StarStar(state());
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box–Muller: √(−2 ln u₁) · cos(2π u₂), u₁ ∈ (0, 1], u₂ ∈ [0, 1). */
    @Override
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    @Override
    public String toString() {
        return "Xoshiro256StarStar" + Arrays.toString(state());
    }
}
