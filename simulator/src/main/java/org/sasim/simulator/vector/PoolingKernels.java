package org.sasim.simulator.vector;

import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;

/**
 * The vector unit's pooling datapath, fp32 throughout: max with -infinity padding (a NaN tap wins); averages as an
 * fp32 sum of the taps in row-major window order, then one fp32 division by the divisor (PyTorch's divisor rules:
 * padded taps counted with count_include_pad, never a ceil-mode overhang past the padded input).
 */
final class PoolingKernels {
    private PoolingKernels() {
    }

    static FloatTensor maxPool(MaxPool2d l, FloatTensor x, Shape out) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < ho; oy++) {
                int y0 = oy * l.stride().h() - l.padding().h();
                int ya = Math.max(y0, 0);
                int yb = Math.min(y0 + l.kernel().h(), h);
                for (int ox = 0; ox < wo; ox++) {
                    int x0 = ox * l.stride().w() - l.padding().w();
                    int xa = Math.max(x0, 0);
                    int xb = Math.min(x0 + l.kernel().w(), w);
                    float m = Float.NEGATIVE_INFINITY;
                    for (int iy = ya; iy < yb; iy++) {
                        int row = (p * h + iy) * w;
                        for (int ix = xa; ix < xb; ix++) {
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
        return new FloatTensor(out, ys);
    }

    static FloatTensor avgPool(AvgPool2d l, FloatTensor x, Shape out) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        int ph = l.padding().h();
        int pw = l.padding().w();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < ho; oy++) {
                int yStart = oy * l.stride().h() - ph;
                int yEnd = Math.min(yStart + l.kernel().h(), h + ph);
                for (int ox = 0; ox < wo; ox++) {
                    int xStart = ox * l.stride().w() - pw;
                    int xEnd = Math.min(xStart + l.kernel().w(), w + pw);
                    int ya = Math.max(yStart, 0);
                    int yb = Math.min(yEnd, h);
                    int xa = Math.max(xStart, 0);
                    int xb = Math.min(xEnd, w);
                    int divisor = l.countIncludePad() ? (yEnd - yStart) * (xEnd - xStart) : (yb - ya) * (xb - xa);
                    ys[(p * ho + oy) * wo + ox] = windowSum(xs, p, h, w, ya, yb, xa, xb) / divisor;
                }
            }
        }
        return new FloatTensor(out, ys);
    }

    static FloatTensor adaptiveAvgPool(AdaptiveAvgPool2d l, FloatTensor x, Shape out) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < ho; oy++) {
                int ya = PoolTaps.start(oy, h, ho);
                int yb = PoolTaps.end(oy, h, ho);
                for (int ox = 0; ox < wo; ox++) {
                    int xa = PoolTaps.start(ox, w, wo);
                    int xb = PoolTaps.end(ox, w, wo);
                    ys[(p * ho + oy) * wo + ox] = windowSum(xs, p, h, w, ya, yb, xa, xb) / ((yb - ya) * (xb - xa));
                }
            }
        }
        return new FloatTensor(out, ys);
    }

    static FloatTensor globalAvgPool(FloatTensor x, Shape out) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        for (int p = 0; p < ys.length; p++) {
            ys[p] = windowSum(xs, p, h, w, 0, h, 0, w) / (h * w);
        }
        return new FloatTensor(out, ys);
    }

    private static float windowSum(float[] xs, int plane, int h, int w, int ya, int yb, int xa, int xb) {
        float sum = 0f;
        for (int iy = ya; iy < yb; iy++) {
            int row = (plane * h + iy) * w;
            for (int ix = xa; ix < xb; ix++) {
                sum += xs[row + ix];
            }
        }
        return sum;
    }
}
