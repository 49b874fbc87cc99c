package org.sasim.simulator.vector;

import java.util.Arrays;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.simulator.compute.GemmWorkers;

/**
 * The vector unit's pooling datapath, fp32 throughout: max with -infinity padding (a NaN tap wins); averages as an
 * fp32 sum of the taps in row-major window order, then one fp32 division by the divisor (PyTorch's divisor rules:
 * padded taps counted with count_include_pad, never a ceil-mode overhang past the padded input). Channel planes are
 * split over the run's workers ({@link PlaneRanges}).
 */
final class PoolingKernels {
    private PoolingKernels() {
    }

    /**
     * The max-pooling step: {@code v} replaces {@code m} when larger or NaN. Folded left to right over a window it
     * gives the window's last NaN if it has one, else its first largest tap (of +0 and -0, the first); so folding the
     * fold of each window row, row after row, gives the bits of the row-major fold, which lets the kernel reduce
     * rows first and share each row's reductions between the windows that overlap it. -infinity is its identity:
     * folded in anywhere (padding, an empty window), it changes no bit.
     */
    static float maxOf(float m, float v) {
        return v > m || Float.isNaN(v) ? v : m;
    }

    static FloatTensor maxPool(MaxPool2d l, FloatTensor x, Shape out, LaneLoops loops, GemmWorkers workers) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        int kw = l.kernel().w();
        int sw = l.stride().w();
        PoolAxis rows = PoolAxis.sliding(h, ho, l.kernel().h(), l.stride().h(), l.padding().h(), false);
        PaddedPoolRow g = PaddedPoolRow.of(w, wo, kw, sw, l.padding().w());
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        PlaneRanges.forEach(workers, planes, xs.length, (from, to) -> {
            float[] padded = new float[g.length()];
            Arrays.fill(padded, Float.NEGATIVE_INFINITY);
            float[] slide = new float[g.positions()];
            float[] rowMax = new float[h * g.outputs()];
            float[] acc = new float[g.outputs()];
            for (int p = from; p < to; p++) {
                // each input row: the fold of the kw-wide window at every start, kw - 1 lane-wise steps, of which
                // every stride-th is an output's
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
                // each output row: its window's row folds, folded in row order
                for (int oy = 0; oy < ho; oy++) {
                    Arrays.fill(acc, Float.NEGATIVE_INFINITY);
                    for (int iy = rows.lo(oy); iy < rows.hi(oy); iy++) {
                        loops.max(acc, 0, rowMax, iy * g.outputs(), g.outputs());
                    }
                    System.arraycopy(acc, 0, ys, (p * ho + oy) * wo, wo);
                }
            }
        });
        return new FloatTensor(out, ys);
    }

    static FloatTensor avgPool(AvgPool2d l, FloatTensor x, Shape out, GemmWorkers workers) {
        Shape in = x.shape();
        return average(x, out, PoolAxis.sliding(in.height(), out.height(), l.kernel().h(), l.stride().h(),
                        l.padding().h(), l.countIncludePad()),
                PoolAxis.sliding(in.width(), out.width(), l.kernel().w(), l.stride().w(), l.padding().w(),
                        l.countIncludePad()), workers);
    }

    static FloatTensor adaptiveAvgPool(AdaptiveAvgPool2d l, FloatTensor x, Shape out, GemmWorkers workers) {
        Shape in = x.shape();
        return average(x, out, PoolAxis.adaptive(in.height(), out.height()),
                PoolAxis.adaptive(in.width(), out.width()), workers);
    }

    static FloatTensor globalAvgPool(FloatTensor x, Shape out, GemmWorkers workers) {
        Shape in = x.shape();
        return average(x, out, PoolAxis.adaptive(in.height(), 1), PoolAxis.adaptive(in.width(), 1), workers);
    }

    /** Each output: the fp32 sum of its window's taps in row-major order, then one division by the divisor. */
    private static FloatTensor average(FloatTensor x, Shape out, PoolAxis rows, PoolAxis cols,
                                       GemmWorkers workers) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        PlaneRanges.forEach(workers, planes, xs.length, (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        float sum = 0f;
                        for (int iy = rows.lo(oy); iy < rows.hi(oy); iy++) {
                            int row = (p * h + iy) * w;
                            for (int ix = cols.lo(ox); ix < cols.hi(ox); ix++) {
                                sum += xs[row + ix];
                            }
                        }
                        ys[(p * ho + oy) * wo + ox] = sum / (rows.divisorSpan(oy) * cols.divisorSpan(ox));
                    }
                }
            }
        });
        return new FloatTensor(out, ys);
    }
}
