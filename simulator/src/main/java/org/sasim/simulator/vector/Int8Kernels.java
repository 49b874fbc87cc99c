package org.sasim.simulator.vector;

import java.util.Arrays;
import java.util.List;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Shape;
import org.sasim.models.quant.AddRescale;
import org.sasim.models.quant.IntegerRounding;
import org.sasim.models.quant.LookupTable;
import org.sasim.models.quant.LrnRequantizer;
import org.sasim.models.quant.QuantizedDense;
import org.sasim.models.quant.QuantizedMultiplier;
import org.sasim.models.quant.SoftmaxTable;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.simulator.compute.GemmWorkers;

/**
 * The vector unit's int8 datapath (docs/quantization.md): integer window sums and maxima, the scheme's rounding
 * division, fixed-point requantization of the array's int32 accumulators, the residual add's rescale, 256-entry
 * tables, integer softmax and LRN. Scales never change here except where the scheme's parameters say so. Element
 * ranges or channel planes are split over the run's workers ({@link PlaneRanges}).
 */
final class Int8Kernels {
    /** Elements per block of the residual add's int32 sums (16 KiB of ints: they stay in the L1 cache). */
    private static final int ADD_BLOCK = 4096;

    private Int8Kernels() {
    }

    /** The array's int32 accumulators (bias added) to int8, one requantizer per output channel (dimension 1). */
    static ByteTensor requantize(IntTensor acc, QuantizedDense d, LaneLoops loops, GemmWorkers workers) {
        Shape s = acc.shape();
        int channels = s.dim(1);
        int plane = Math.toIntExact(s.elements() / s.dim(0) / channels);
        int[] a = acc.data();
        byte[] y = new byte[a.length];
        QuantizedMultiplier[] per = d.requantizers();
        PlaneRanges.forEach(workers, s.dim(0) * channels, a.length, (from, to) -> {
            for (int np = from; np < to; np++) {
                int c = np % channels;
                QuantizedMultiplier q = per[c];
                int lo = np * plane;
                int hi = lo + plane;
                if (q.shift() <= 0 && q.shift() >= -31) {
                    loops.requantizeDown(a, lo, y, lo, plane, q.multiplier(), -q.shift());
                } else {
                    for (int i = lo; i < hi; i++) {
                        y[i] = d.requantize(a[i], c);
                    }
                }
            }
        });
        return new ByteTensor(s, y);
    }

    /**
     * {@link QuantizedMultiplier#apply} for a multiplier in [0, 2^31) and a right shift of 0..31, saturated to int8,
     * as the same integer arithmetic without branches: the signs of accumulators come in no pattern, so the
     * reference's sign tests would be mispredicted on half the outputs of a layer. Its high-mul nudge is
     * {@code 2^30} or {@code 1 - 2^30} by the product's sign, the truncating division by {@code 2^31} adds
     * {@code 2^31 - 1} to a negative dividend before the shift, and the rounding division's tie threshold grows by
     * one for a negative value; the product cannot be the one saturating case (-2^31 * -2^31).
     */
    static byte requantizeDown(int x, int multiplier, int right) {
        long v = scaleDown(x, multiplier, right);
        return (byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, v));
    }

    /** {@link QuantizedMultiplier#apply} for a multiplier in [0, 2^31) and a right shift of 0..31, unsaturated. */
    static int scaleDown(int x, int multiplier, int right) {
        long ab = (long) x * multiplier;
        long t = ab + (1L << 30) - ((ab >> 63) & ((1L << 31) - 1));
        long high = (t + ((t >> 63) & ((1L << 31) - 1))) >> 31;
        long mask = (1L << right) - 1;
        long remainder = high & mask;
        long threshold = (mask >> 1) + (high >>> 63);
        return (int) ((high >> right) + ((threshold - remainder) >>> 63));
    }

    /** Rows first, then columns, as {@link PoolingKernels#maxPool} (-128 is the identity of an int8 max). */
    static ByteTensor maxPool(MaxPool2d l, ByteTensor x, Shape out, LaneLoops loops, GemmWorkers workers) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        int kw = l.kernel().w();
        int sw = l.stride().w();
        PoolAxis rows = PoolAxis.sliding(h, ho, l.kernel().h(), l.stride().h(), l.padding().h(), false);
        PaddedPoolRow g = PaddedPoolRow.of(w, wo, kw, sw, l.padding().w());
        byte[] xs = x.data();
        byte[] ys = new byte[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        PlaneRanges.forEach(workers, planes, xs.length, (from, to) -> {
            byte[] padded = new byte[g.length()];
            Arrays.fill(padded, Byte.MIN_VALUE);
            byte[] slide = new byte[g.positions()];
            byte[] rowMax = new byte[h * g.outputs()];
            byte[] acc = new byte[g.outputs()];
            for (int p = from; p < to; p++) {
                for (int iy = 0; iy < h; iy++) {
                    System.arraycopy(xs, (p * h + iy) * w, padded, g.left(), w);
                    System.arraycopy(padded, 0, slide, 0, g.positions());
                    for (int t = 1; t < kw; t++) {
                        loops.max(slide, 0, padded, t, g.positions());
                    }
                    int r = iy * g.outputs();
                    for (int ox = 0; ox < wo; ox++) {
                        rowMax[r + ox] = slide[ox * sw];
                    }
                }
                for (int oy = 0; oy < ho; oy++) {
                    Arrays.fill(acc, Byte.MIN_VALUE);
                    for (int iy = rows.lo(oy); iy < rows.hi(oy); iy++) {
                        loops.max(acc, 0, rowMax, iy * g.outputs(), g.outputs());
                    }
                    System.arraycopy(acc, 0, ys, (p * ho + oy) * wo, wo);
                }
            }
        });
        return new ByteTensor(out, ys);
    }

    static ByteTensor avgPool(AvgPool2d l, ByteTensor x, Shape out, GemmWorkers workers) {
        Shape in = x.shape();
        return average(x, out, PoolAxis.sliding(in.height(), out.height(), l.kernel().h(), l.stride().h(),
                        l.padding().h(), l.countIncludePad()),
                PoolAxis.sliding(in.width(), out.width(), l.kernel().w(), l.stride().w(), l.padding().w(),
                        l.countIncludePad()), workers);
    }

    static ByteTensor adaptiveAvgPool(ByteTensor x, Shape out, GemmWorkers workers) {
        Shape in = x.shape();
        return average(x, out, PoolAxis.adaptive(in.height(), out.height()),
                PoolAxis.adaptive(in.width(), out.width()), workers);
    }

    /** Each output: the exact integer sum of its window, divided by the divisor rounding half away from zero. */
    private static ByteTensor average(ByteTensor x, Shape out, PoolAxis rows, PoolAxis cols,
                                      GemmWorkers workers) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        byte[] xs = x.data();
        byte[] ys = new byte[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        PlaneRanges.forEach(workers, planes, xs.length, (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        long sum = 0;
                        for (int iy = rows.lo(oy); iy < rows.hi(oy); iy++) {
                            int row = (p * h + iy) * w;
                            for (int ix = cols.lo(ox); ix < cols.hi(ox); ix++) {
                                sum += xs[row + ix];
                            }
                        }
                        ys[(p * ho + oy) * wo + ox] = (byte) IntegerRounding.divideHalfAwayFromZero(sum,
                                (long) rows.divisorSpan(oy) * cols.divisorSpan(ox));
                    }
                }
            }
        });
        return new ByteTensor(out, ys);
    }

    /** The input's own array when the caller allows it (as {@link ElementwiseKernels#output}), else a fresh one. */
    private static byte[] output(byte[] xs, boolean inPlace) {
        return inPlace ? xs : new byte[xs.length];
    }

    static ByteTensor relu(ByteTensor x, LaneLoops loops, boolean inPlace, GemmWorkers workers) {
        byte[] xs = x.data();
        byte[] ys = output(xs, inPlace);
        PlaneRanges.forEachStreaming(workers, xs.length, xs.length, (from, to) -> loops.relu(xs, ys, from, to));
        return new ByteTensor(x.shape(), ys);
    }

    static ByteTensor table(ByteTensor x, LookupTable t, boolean inPlace, GemmWorkers workers) {
        byte[] xs = x.data();
        byte[] ys = output(xs, inPlace);
        PlaneRanges.forEach(workers, xs.length, xs.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                ys[i] = t.apply(xs[i]);
            }
        });
        return new ByteTensor(x.shape(), ys);
    }

    /**
     * Inputs rescaled and summed left to right on the common grid, then requantized; block by block, so that the
     * int32 sums live in a small buffer of each task instead of a tensor-sized array.
     */
    static ByteTensor add(List<ByteTensor> xs, AddRescale r, Shape out, LaneLoops loops, boolean inPlace,
                          GemmWorkers workers) {
        int n = Math.toIntExact(out.elements());
        // in place, a block's inputs are all read into the sums before its outputs are written
        byte[] ys = output(xs.get(0).data(), inPlace);
        // an int8 input has 256 values: its rescaled values are looked up, never recomputed per element
        int[][] rescaled = new int[xs.size()][256];
        byte[][] inputs = new byte[xs.size()][];
        for (int k = 0; k < xs.size(); k++) {
            inputs[k] = xs.get(k).data();
            for (int q = Byte.MIN_VALUE; q <= Byte.MAX_VALUE; q++) {
                rescaled[k][q - Byte.MIN_VALUE] = r.rescaleInput(k, (byte) q);
            }
        }
        QuantizedMultiplier o = r.output();
        boolean down = o.shift() <= 0 && o.shift() >= -31;
        int[] multipliers = new int[inputs.length];
        int[] rights = new int[inputs.length];
        boolean lanes = true;
        for (int k = 0; k < inputs.length; k++) {
            QuantizedMultiplier m = r.inputs().get(k);
            lanes &= m.shift() <= 0 && m.shift() >= -31;
            multipliers[k] = m.multiplier();
            rights[k] = -m.shift();
        }
        boolean rescaleOnLanes = lanes;
        PlaneRanges.forEach(workers, n, n, (from, to) -> {
            int[] sum = new int[Math.min(ADD_BLOCK, to - from)];
            for (int start = from; start < to; start += sum.length) {
                int count = Math.min(sum.length, to - start);
                for (int k = 0; k < inputs.length; k++) {
                    if (rescaleOnLanes) {
                        loops.rescale(inputs[k], start, sum, count, k > 0, rescaled[k], multipliers[k], rights[k]);
                    } else {
                        byte[] b = inputs[k];
                        int[] table = rescaled[k];
                        for (int j = 0; j < count; j++) {
                            sum[j] = (k > 0 ? sum[j] : 0) + table[b[start + j] - Byte.MIN_VALUE];
                        }
                    }
                }
                if (down) {
                    loops.requantizeDown(sum, 0, ys, start, count, o.multiplier(), -o.shift());
                } else {
                    for (int j = 0; j < count; j++) {
                        ys[start + j] = r.output(sum[j]);
                    }
                }
            }
        });
        return new ByteTensor(out, ys);
    }

    /** Softmax over dimension 1: per (batch, inner position) a max pass, a sum pass and an output pass. */
    static ByteTensor softmax(ByteTensor x, SoftmaxTable t) {
        Shape s = x.shape();
        int classes = s.dim(1);
        int inner = Math.toIntExact(s.elements() / s.dim(0) / classes);
        byte[] xs = x.data();
        byte[] ys = new byte[xs.length];
        for (int row = 0; row < s.dim(0) * inner; row++) {
            int base = (row / inner) * classes * inner + row % inner;
            byte max = Byte.MIN_VALUE;
            for (int c = 0; c < classes; c++) {
                max = (byte) Math.max(max, xs[base + c * inner]);
            }
            long sum = 0;
            int[] e = new int[classes];
            for (int c = 0; c < classes; c++) {
                e[c] = t.exp(max - xs[base + c * inner]);
                sum += e[c];
            }
            for (int c = 0; c < classes; c++) {
                ys[base + c * inner] = t.output(e[c], sum);
            }
        }
        return new ByteTensor(s, ys);
    }

    /** A running sum of squares slides along the channels of each position. */
    static ByteTensor lrn(Lrn l, ByteTensor x, LrnRequantizer r) {
        Shape s = x.shape();
        int channels = s.channels();
        int plane = s.height() * s.width();
        int before = l.size() / 2;
        int after = (l.size() - 1) / 2;
        byte[] xs = x.data();
        byte[] ys = new byte[xs.length];
        for (int n = 0; n < s.batch(); n++) {
            for (int i = 0; i < plane; i++) {
                long window = 0;
                for (int j = 0; j < Math.min(after, channels - 1) + 1; j++) {
                    window += square(xs[(n * channels + j) * plane + i]);
                }
                for (int c = 0; c < channels; c++) {
                    int idx = (n * channels + c) * plane + i;
                    ys[idx] = r.apply(xs[idx], window);
                    int enter = c + 1 + after;
                    int leave = c - before;
                    if (enter < channels) {
                        window += square(xs[(n * channels + enter) * plane + i]);
                    }
                    if (leave >= 0) {
                        window -= square(xs[(n * channels + leave) * plane + i]);
                    }
                }
            }
        }
        return new ByteTensor(s, ys);
    }

    private static long square(byte v) {
        return (long) v * v;
    }
}
