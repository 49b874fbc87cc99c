package org.sasim.models.reference;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;

/**
 * 2-D convolution by direct loops (PyTorch semantics: NCHW input, OIHW weights, symmetric zero padding, stride,
 * dilation, groups): out[n][o][oy][ox] = bias[o] + sum over the input channels c of o's group and taps (ky, kx) of
 * x[n][c][oy*sh - ph + ky*dh][ox*sw - pw + kx*dw] * w[o][c][ky][kx]. Taps that fall into the padding are skipped,
 * which is the same as multiplying by zero. The loops run tap-outer, output-inner so the innermost loop is long;
 * each output still sums its taps in the order (c, ky, kx).
 */
final class ReferenceConv {
    private ReferenceConv() {
    }

    /**
     * Float convolution, accumulated in float64 and rounded once to float32. Each output element's sum runs in the
     * fixed order bias, then taps by (input channel, ky, kx), whatever the thread count.
     */
    static FloatTensor conv2d(Conv2d l, FloatTensor x, FloatTensor w, FloatTensor bias) {
        Shape out = l.outputShape(List.of(x.shape()));
        Checks.shape(l, "weight", w.shape(), l.weightShape());
        if (bias != null) {
            Checks.shape(l, "bias", bias.shape(), Shape.of(l.outChannels()));
        }
        Geometry g = new Geometry(l, x.shape(), out);
        float[] xs = x.data();
        float[] ws = w.data();
        float[] ys = new float[Math.toIntExact(out.elements())];
        // One task per (image, output channel): tasks write disjoint planes, so the result is thread-independent.
        IntStream.range(0, g.n * g.o).parallel().forEach(plane -> {
            int n = plane / g.o;
            int o = plane % g.o;
            double[] acc = new double[g.ho * g.wo];
            Arrays.fill(acc, bias == null ? 0.0 : bias.data()[o]);
            int firstChannel = (o / g.outPerGroup) * g.inPerGroup; // first input channel of o's group
            for (int c = 0; c < g.inPerGroup; c++) {
                int xPlane = (n * g.c + firstChannel + c) * g.h;
                for (int ky = 0; ky < g.kh; ky++) {
                    for (int kx = 0; kx < g.kw; kx++) {
                        double wv = ws[((o * g.inPerGroup + c) * g.kh + ky) * g.kw + kx];
                        // Add this tap to every output whose input position lies inside the image; the others see
                        // zero padding.
                        for (int oy = g.firstOy(ky); oy <= g.lastOy(ky); oy++) {
                            int iy = oy * g.sh - g.ph + ky * g.dh;
                            for (int ox = g.firstOx(kx); ox <= g.lastOx(kx); ox++) {
                                int ix = ox * g.sw - g.pw + kx * g.dw;
                                acc[oy * g.wo + ox] += wv * xs[(xPlane + iy) * g.w + ix];
                            }
                        }
                    }
                }
            }
            int base = plane * g.ho * g.wo;
            for (int i = 0; i < acc.length; i++) {
                ys[base + i] = (float) acc[i];
            }
        });
        return new FloatTensor(out, ys);
    }

    /**
     * Integer convolution: int8 activations times int8 weights (zero points 0), summed exactly with the optional
     * int32 bias. The result must fit int32 as it would in an int32 accumulator; otherwise an
     * {@link ArithmeticException} names the layer rather than returning a wrapped value.
     */
    static IntTensor conv2dInt8(Conv2d l, ByteTensor x, ByteTensor w, IntTensor bias) {
        Shape out = l.outputShape(List.of(x.shape()));
        Checks.shape(l, "weight", w.shape(), l.weightShape());
        if (bias != null) {
            Checks.shape(l, "bias", bias.shape(), Shape.of(l.outChannels()));
        }
        Geometry g = new Geometry(l, x.shape(), out);
        byte[] xs = x.data();
        byte[] ws = w.data();
        int[] ys = new int[Math.toIntExact(out.elements())];
        IntStream.range(0, g.n * g.o).parallel().forEach(plane -> {
            int n = plane / g.o;
            int o = plane % g.o;
            // long: int8 products are exact and a long cannot overflow here, so int32 overflow is detectable.
            long[] acc = new long[g.ho * g.wo];
            Arrays.fill(acc, bias == null ? 0 : bias.data()[o]);
            int firstChannel = (o / g.outPerGroup) * g.inPerGroup;
            for (int c = 0; c < g.inPerGroup; c++) {
                int xPlane = (n * g.c + firstChannel + c) * g.h;
                for (int ky = 0; ky < g.kh; ky++) {
                    for (int kx = 0; kx < g.kw; kx++) {
                        int wv = ws[((o * g.inPerGroup + c) * g.kh + ky) * g.kw + kx];
                        for (int oy = g.firstOy(ky); oy <= g.lastOy(ky); oy++) {
                            int iy = oy * g.sh - g.ph + ky * g.dh;
                            for (int ox = g.firstOx(kx); ox <= g.lastOx(kx); ox++) {
                                int ix = ox * g.sw - g.pw + kx * g.dw;
                                acc[oy * g.wo + ox] += wv * xs[(xPlane + iy) * g.w + ix];
                            }
                        }
                    }
                }
            }
            int base = plane * g.ho * g.wo;
            for (int i = 0; i < acc.length; i++) {
                ys[base + i] = Checks.toInt32(l, acc[i]);
            }
        });
        return new IntTensor(out, ys);
    }

    /** The loop bounds of one convolution, unpacked once so the loops read like the formula. */
    private static final class Geometry {
        final int n;
        final int c;
        final int h;
        final int w;
        final int o;
        final int ho;
        final int wo;
        final int kh;
        final int kw;
        final int sh;
        final int sw;
        final int ph;
        final int pw;
        final int dh;
        final int dw;
        final int inPerGroup;
        final int outPerGroup;

        Geometry(Conv2d l, Shape in, Shape out) {
            n = in.batch();
            c = in.channels();
            h = in.height();
            w = in.width();
            o = out.channels();
            ho = out.height();
            wo = out.width();
            kh = l.kernel().h();
            kw = l.kernel().w();
            sh = l.stride().h();
            sw = l.stride().w();
            ph = l.padding().h();
            pw = l.padding().w();
            dh = l.dilation().h();
            dw = l.dilation().w();
            inPerGroup = l.inChannelsPerGroup();
            outPerGroup = l.outChannelsPerGroup();
        }

        /** First output row whose tap {@code ky} reads a real input row: oy*sh - ph + ky*dh >= 0. */
        int firstOy(int ky) {
            return firstInside(ph - ky * dh, sh);
        }

        /** Last output row whose tap {@code ky} reads a real input row: oy*sh - ph + ky*dh <= h - 1. */
        int lastOy(int ky) {
            return Math.min(ho - 1, Math.floorDiv(h - 1 + ph - ky * dh, sh));
        }

        int firstOx(int kx) {
            return firstInside(pw - kx * dw, sw);
        }

        int lastOx(int kx) {
            return Math.min(wo - 1, Math.floorDiv(w - 1 + pw - kx * dw, sw));
        }

        /** Smallest o >= 0 with o * stride >= offset. */
        private static int firstInside(int offset, int stride) {
            return Math.max(0, -Math.floorDiv(-offset, stride));
        }
    }
}
