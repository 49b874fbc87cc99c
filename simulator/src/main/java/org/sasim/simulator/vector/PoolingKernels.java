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

    static FloatTensor maxPool(MaxPool2d l, FloatTensor x, Shape out, GemmWorkers workers) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        PoolAxis rows = PoolAxis.sliding(h, ho, l.kernel().h(), l.stride().h(), l.padding().h(), false);
        PoolAxis cols = PoolAxis.sliding(w, wo, l.kernel().w(), l.stride().w(), l.padding().w(), false);
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        PlaneRanges.forEach(workers, planes, xs.length, (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        float m = Float.NEGATIVE_INFINITY;
                        for (int iy = rows.lo(oy); iy < rows.hi(oy); iy++) {
                            int row = (p * h + iy) * w;
                            for (int ix = cols.lo(ox); ix < cols.hi(ox); ix++) {
                                float v = xs[row + ix];
                                if (v > m || Float.isNaN(v)) {
                                    m = v;
                                }
                            }
                        }
                        ys[(p * ho + oy) * wo + ox] = m;
                    }
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
