package org.sasim.models.weights;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The fixed functions behind sasim's seeded data. Every value is derived from {@link SplittableRandom#nextLong()}
 * (whose SplitMix64 sequence is fixed by the seed) through the integer and {@code StrictMath} arithmetic below, so
 * the bytes are the same on every machine, JDK and thread count.
 */
final class Seeds {
    private Seeds() {
    }

    /** 64-bit FNV-1a of the UTF-8 bytes of {@code s}: a fixed hash, unlike {@link String#hashCode()}'s 32 bits. */
    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: a bijective mix so nearby seeds give unrelated streams. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The generator for one named stream (a layer, or the network input) under a user seed. */
    static SplittableRandom stream(long seed, String name) {
        return new SplittableRandom(mix64(mix64(seed) ^ fnv1a64(name)));
    }

    /** Uniform in [0, 1) with 53 random bits. */
    static double unit(SplittableRandom r) {
        return (r.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-bound, bound). */
    static double symmetric(SplittableRandom r, double bound) {
        return (2 * unit(r) - 1) * bound;
    }

    /**
     * Standard normal by the Box-Muller transform on two uniforms (one value per pair: simple and stateless), with
     * {@code StrictMath} so that the result is bit-reproducible.
     */
    static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - unit(r); // (0, 1]: log is finite
        double u2 = unit(r);
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }
}
