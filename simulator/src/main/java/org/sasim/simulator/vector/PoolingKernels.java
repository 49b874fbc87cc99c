package org.sasim.simulator.vector;

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
     * rows first and share each row's reductions between the windows that overlap it.
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
        PoolAxis rows = PoolAxis.sliding(h, ho, l.kernel().h(), l.stride().h(), l.padding().h(), false);
        PoolAxis cols = PoolAxis.sliding(w, wo, kw, l.stride().w(), l.padding().w(), false);
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        if (!rows.everyWindowNonEmpty() || !cols.everyWindowNonEmpty()) {
            PlaneRanges.forEach(workers, planes, xs.length, (from, to) -> maxPoolTapByTap(xs, h, w, rows, cols, ys,
                    from, to));
            return new FloatTensor(out, ys);
        }
        PlaneRanges.forEach(workers, planes, xs.length, (from, to) -> {
            float[] slide = new float[w];
            float[] rowMax = new float[h * wo];
            for (int p = from; p < to; p++) {
                // each input row: the fold of every kw-wide window starting at each column (clipped at the right
                // edge), kw - 1 lane-wise steps over the whole row; a window clipped on the left is folded alone
                for (int iy = 0; iy < h; iy++) {
                    int row = (p * h + iy) * w;
                    System.arraycopy(xs, row, slide, 0, w);
                    for (int t = 1; t < kw; t++) {
                        loops.max(slide, 0, xs, row + t, w - t);
                    }
                    for (int ox = 0; ox < wo; ox++) {
                        int lo = cols.lo(ox);
                        int hi = cols.hi(ox);
                        float m = slide[lo];
                        if (hi != Math.min(lo + kw, w)) {
                            m = xs[row + lo];
                            for (int ix = lo + 1; ix < hi; ix++) {
                                m = maxOf(m, xs[row + ix]);
                            }
                        }
                        rowMax[iy * wo + ox] = m;
                    }
                }
                // each output row: its window's row folds, folded in row order
                for (int oy = 0; oy < ho; oy++) {
                    int o = (p * ho + oy) * wo;
                    System.arraycopy(rowMax, rows.lo(oy) * wo, ys, o, wo);
                    for (int iy = rows.lo(oy) + 1; iy < rows.hi(oy); iy++) {
                        loops.max(ys, o, rowMax, iy * wo, wo);
                    }
                }
            }
        });
        return new FloatTensor(out, ys);
    }

    /** Max pooling one output at a time, each window folded from -infinity (which an empty window outputs). */
    private static void maxPoolTapByTap(float[] xs, int h, int w, PoolAxis rows, PoolAxis cols, float[] ys,
                                        int from, int to) {
        int ho = rows.outputs();
        int wo = cols.outputs();
        for (int p = from; p < to; p++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int iy = rows.lo(oy); iy < rows.hi(oy); iy++) {
                        int row = (p * h + iy) * w;
                        for (int ix = cols.lo(ox); ix < cols.hi(ox); ix++) {
                            m = maxOf(m, xs[row + ix]);
                        }
                    }
                    ys[(p * ho + oy) * wo + ox] = m;
                }
            }
        }
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
