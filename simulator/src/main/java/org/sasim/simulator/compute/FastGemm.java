package org.sasim.simulator.compute;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;

/**
 * The fast engine's arithmetic: blocked GEMM kernels that accumulate in exactly the order the PEs do, so the output
 * bits equal the cycle-stepped engine's. os: each output is {@code ((0 + a0*b0) + a1*b1) + ...} over k ascending.
 * ws/is: K is cut into row folds of R; within a fold the partial sum is {@code 0 + a*b + ...} over k ascending, and
 * the output is {@code ((0 + psum0) + psum1) + ...} in row-fold order. Tasks are (group, block of M rows); each
 * output is computed by exactly one task, so results do not depend on the thread count.
 */
public final class FastGemm {
    private static final int M_BLOCK = 4;
    private static final int N_BLOCK = 256;

    private final int threads;

    /** A kernel using {@code threads} worker threads (1 = run on the caller's thread). */
    public FastGemm(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
    }

    /** Output words {@code [g][m][n]} of {@code op} on {@code array}, before bias. */
    public int[] multiply(GemmOperands op, ArraySpec array) {
        Gemm g = op.gemm();
        int chunk = array.dataflow() == Dataflow.OUTPUT_STATIONARY ? g.k() : array.rows();
        boolean addIntoOutput = array.dataflow() != Dataflow.OUTPUT_STATIONARY;
        int[] out = new int[op.outputWords()];
        int mBlocks = (g.m() + M_BLOCK - 1) / M_BLOCK;
        int tasks = mBlocks * g.groups();
        boolean ints = op.datatype() == Datatype.INT8;
        float[] af = ints ? null : toFloats(op.a());
        float[] bf = ints ? null : toFloats(op.b());
        IntStream work = IntStream.range(0, tasks);
        java.util.function.IntConsumer body = task -> {
            int grp = task / mBlocks;
            int m0 = (task % mBlocks) * M_BLOCK;
            int m1 = Math.min(g.m(), m0 + M_BLOCK);
            if (ints) {
                intBlock(op.a(), op.b(), out, g, grp, m0, m1, chunk, addIntoOutput);
            } else {
                floatBlock(af, bf, out, g, grp, m0, m1, chunk, addIntoOutput);
            }
        };
        if (threads == 1 || tasks == 1) {
            work.forEach(body);
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(() -> work.parallel().forEach(body)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("GEMM worker failed", e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        return out;
    }

    private static float[] toFloats(int[] words) {
        float[] f = new float[words.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.intBitsToFloat(words[i]);
        }
        return f;
    }

    private static void floatBlock(float[] a, float[] b, int[] out, Gemm g, int grp, int m0, int m1, int chunk,
                                   boolean addIntoOutput) {
        final int n = g.n();
        final int k = g.k();
        final int rows = m1 - m0;
        final int aBase = (grp * g.m() + m0) * k;
        final int bBase = grp * k * n;
        final int oBase = (grp * g.m() + m0) * n;
        float[][] acc = new float[M_BLOCK][N_BLOCK];
        float[][] res = new float[M_BLOCK][N_BLOCK];
        for (int n0 = 0; n0 < n; n0 += N_BLOCK) {
            final int nb = Math.min(N_BLOCK, n - n0);
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(res[r], 0, nb, 0f);
            }
            for (int k0 = 0; k0 < k; k0 += chunk) {
                final int k1 = Math.min(k, k0 + chunk);
                for (int r = 0; r < rows; r++) {
                    java.util.Arrays.fill(acc[r], 0, nb, 0f);
                }
                if (rows == M_BLOCK) {
                    float[] c0 = acc[0];
                    float[] c1 = acc[1];
                    float[] c2 = acc[2];
                    float[] c3 = acc[3];
                    for (int kk = k0; kk < k1; kk++) {
                        float a0 = a[aBase + kk];
                        float a1 = a[aBase + k + kk];
                        float a2 = a[aBase + 2 * k + kk];
                        float a3 = a[aBase + 3 * k + kk];
                        int bRow = bBase + kk * n + n0;
                        for (int j = 0; j < nb; j++) {
                            float bv = b[bRow + j];
                            c0[j] = c0[j] + a0 * bv;
                            c1[j] = c1[j] + a1 * bv;
                            c2[j] = c2[j] + a2 * bv;
                            c3[j] = c3[j] + a3 * bv;
                        }
                    }
                } else {
                    for (int r = 0; r < rows; r++) {
                        float[] c = acc[r];
                        for (int kk = k0; kk < k1; kk++) {
                            float av = a[aBase + r * k + kk];
                            int bRow = bBase + kk * n + n0;
                            for (int j = 0; j < nb; j++) {
                                c[j] = c[j] + av * b[bRow + j];
                            }
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    float[] c = acc[r];
                    float[] o = res[r];
                    if (addIntoOutput) {
                        for (int j = 0; j < nb; j++) {
                            o[j] = o[j] + c[j];
                        }
                    } else {
                        System.arraycopy(c, 0, o, 0, nb);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                float[] o = res[r];
                int ob = oBase + r * n + n0;
                for (int j = 0; j < nb; j++) {
                    out[ob + j] = Float.floatToRawIntBits(o[j]);
                }
            }
        }
    }

    private static void intBlock(int[] a, int[] b, int[] out, Gemm g, int grp, int m0, int m1, int chunk,
                                 boolean addIntoOutput) {
        final int n = g.n();
        final int k = g.k();
        final int aBase = (grp * g.m() + m0) * k;
        final int bBase = grp * k * n;
        final int oBase = (grp * g.m() + m0) * n;
        int[] acc = new int[N_BLOCK];
        for (int r = 0; r < m1 - m0; r++) {
            for (int n0 = 0; n0 < n; n0 += N_BLOCK) {
                final int nb = Math.min(N_BLOCK, n - n0);
                int ob = oBase + r * n + n0;
                for (int k0 = 0; k0 < k; k0 += chunk) {
                    final int k1 = Math.min(k, k0 + chunk);
                    java.util.Arrays.fill(acc, 0, nb, 0);
                    for (int kk = k0; kk < k1; kk++) {
                        int av = a[aBase + r * k + kk];
                        int bRow = bBase + kk * n + n0;
                        for (int j = 0; j < nb; j++) {
                            acc[j] += av * b[bRow + j];
                        }
                    }
                    for (int j = 0; j < nb; j++) {
                        out[ob + j] = addIntoOutput ? out[ob + j] + acc[j] : acc[j];
                    }
                }
            }
        }
    }
}
