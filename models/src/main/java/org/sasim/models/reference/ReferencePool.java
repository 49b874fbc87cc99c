package org.sasim.models.reference;

import java.util.List;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;

/** Pooling over NCHW tensors by direct loops over every window, PyTorch semantics. Sums are float64. */
final class ReferencePool {
    private ReferencePool() {
    }

    /**
     * Max pooling. Padding acts as -infinity, so only taps inside the input compete; a NaN tap wins, as in
     * PyTorch.
     */
    static FloatTensor maxPool(MaxPool2d l, FloatTensor x) {
        Shape in = x.shape();
        Shape out = l.outputShape(List.of(in));
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
                for (int ox = 0; ox < wo; ox++) {
                    int x0 = ox * l.stride().w() - l.padding().w();
                    float m = Float.NEGATIVE_INFINITY;
                    for (int iy = Math.max(y0, 0); iy < Math.min(y0 + l.kernel().h(), h); iy++) {
                        for (int ix = Math.max(x0, 0); ix < Math.min(x0 + l.kernel().w(), w); ix++) {
                            float v = xs[(p * h + iy) * w + ix];
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

    /**
     * Average pooling with zero padding, exactly PyTorch's divisor rule: the window is first clipped to the padded
     * input ({@code end = min(start + k, in + pad)}), which gives the divisor with {@code countIncludePad}; it is
     * then clipped to the real input, which gives the taps summed and the divisor without {@code countIncludePad}.
     * So a ceil-mode window hanging past the padded input never counts its overhang.
     */
    static FloatTensor avgPool(AvgPool2d l, FloatTensor x) {
        Shape in = x.shape();
        Shape out = l.outputShape(List.of(in));
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        int kh = l.kernel().h();
        int kw = l.kernel().w();
        int ph = l.padding().h();
        int pw = l.padding().w();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < ho; oy++) {
                int yStart = oy * l.stride().h() - ph;
                int yEnd = Math.min(yStart + kh, h + ph);
                for (int ox = 0; ox < wo; ox++) {
                    int xStart = ox * l.stride().w() - pw;
                    int xEnd = Math.min(xStart + kw, w + pw);
                    int paddedCount = (yEnd - yStart) * (xEnd - xStart);
                    int y0 = Math.max(yStart, 0);
                    int y1 = Math.min(yEnd, h);
                    int x0 = Math.max(xStart, 0);
                    int x1 = Math.min(xEnd, w);
                    double sum = 0;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            sum += xs[(p * h + iy) * w + ix];
                        }
                    }
                    int divisor = l.countIncludePad() ? paddedCount : (y1 - y0) * (x1 - x0);
                    ys[(p * ho + oy) * wo + ox] = (float) (sum / divisor);
                }
            }
        }
        return new FloatTensor(out, ys);
    }

    /** Adaptive average pooling: output cell i averages input rows [floor(i*H/Ho), ceil((i+1)*H/Ho)). */
    static FloatTensor adaptiveAvgPool(AdaptiveAvgPool2d l, FloatTensor x) {
        Shape in = x.shape();
        Shape out = l.outputShape(List.of(in));
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        int planes = in.batch() * in.channels();
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < ho; oy++) {
                int y0 = Math.floorDiv(oy * h, ho);
                int y1 = ceilDiv((oy + 1) * h, ho);
                for (int ox = 0; ox < wo; ox++) {
                    int x0 = Math.floorDiv(ox * w, wo);
                    int x1 = ceilDiv((ox + 1) * w, wo);
                    double sum = 0;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            sum += xs[(p * h + iy) * w + ix];
                        }
                    }
                    ys[(p * ho + oy) * wo + ox] = (float) (sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }
        return new FloatTensor(out, ys);
    }

    /** Mean over each whole H x W plane. */
    static FloatTensor globalAvgPool(GlobalAvgPool l, FloatTensor x) {
        Shape in = x.shape();
        Shape out = l.outputShape(List.of(in));
        int plane = in.height() * in.width();
        float[] xs = x.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        for (int p = 0; p < ys.length; p++) {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += xs[p * plane + i];
            }
            ys[p] = (float) (sum / plane);
        }
        return new FloatTensor(out, ys);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
