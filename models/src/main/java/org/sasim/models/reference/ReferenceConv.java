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
 * which is the same as multiplying by zero. The loops run one output row at a time, tap-outer, output-column-inner,
 * so the innermost loop is long and its data stay in cache; each output still sums its taps in the order
 * (c, ky, kx).
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
        double[] sums = convolve(new Geometry(l, x.shape(), out), widen(x.data()), widen(w.data()),
                bias == null ? null : widen(bias.data()));
        float[] ys = new float[sums.length];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) sums[i];
        }
        return new FloatTensor(out, ys);
    }

    /**
     * Integer convolution: int8 activations times int8 weights (zero points 0), summed exactly with the optional
     * int32 bias. The sums are exact in float64: every product is an integer of magnitude <= 2^14 and every partial
     * sum is below 2^31 + K * 2^14 < 2^53. The result must fit int32 as it would in an int32 accumulator; otherwise
     * an {@link ArithmeticException} names the layer rather than returning a wrapped value.
     */
    static IntTensor conv2dInt8(Conv2d l, ByteTensor x, ByteTensor w, IntTensor bias) {
        Shape out = l.outputShape(List.of(x.shape()));
        Checks.shape(l, "weight", w.shape(), l.weightShape());
        if (bias != null) {
            Checks.shape(l, "bias", bias.shape(), Shape.of(l.outChannels()));
        }
        double[] sums = convolve(new Geometry(l, x.shape(), out), widen(x.data()), widen(w.data()),
                bias == null ? null : widen(bias.data()));
        int[] ys = new int[sums.length];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = Checks.toInt32(l, (long) sums[i]);
        }
        return new IntTensor(out, ys);
    }

    /**
     * The float64 sums {@code bias[o] + taps in (c, ky, kx) order}, NCHW. One task per (image, output channel):
     * tasks write disjoint planes, so the result does not depend on the thread count. Each plane is computed one
     * output row at a time (so the row's sums stay in the L1 cache), tap-outer, column-inner.
     */
    private static double[] convolve(Geometry g, double[] xs, double[] ws, double[] bias) {
        double[] ys = new double[g.n * g.o * g.ho * g.wo];
        int[] firstOx = new int[g.kw];
        int[] lastOx = new int[g.kw];
        for (int kx = 0; kx < g.kw; kx++) {
            firstOx[kx] = g.firstOx(kx);
            lastOx[kx] = g.lastOx(kx);
        }
        int sw = g.sw;
        IntStream.range(0, g.n * g.o).parallel().forEach(plane -> {
            int n = plane / g.o;
            int o = plane % g.o;
            int firstChannel = (o / g.outPerGroup) * g.inPerGroup; // first input channel of o's group
            for (int oy = 0; oy < g.ho; oy++) {
                int rowStart = (plane * g.ho + oy) * g.wo;
                Arrays.fill(ys, rowStart, rowStart + g.wo, bias == null ? 0.0 : bias[o]);
                for (int c = 0; c < g.inPerGroup; c++) {
                    int xPlane = (n * g.c + firstChannel + c) * g.h;
                    for (int ky = 0; ky < g.kh; ky++) {
                        int iy = oy * g.sh - g.ph + ky * g.dh;
                        if (iy < 0 || iy >= g.h) {
                            continue; // the whole kernel row reads zero padding
                        }
                        for (int kx = 0; kx < g.kw; kx++) {
                            double wv = ws[((o * g.inPerGroup + c) * g.kh + ky) * g.kw + kx];
                            // Input column of output ox is ox*sw + at; outputs whose column falls into the padding
                            // (outside [firstOx, lastOx]) see zero and are skipped.
                            int at = (xPlane + iy) * g.w - g.pw + kx * g.dw;
                            int y = rowStart;
                            if (sw == 1) { // the common case, written so the JIT vectorizes it
                                for (int ox = firstOx[kx]; ox <= lastOx[kx]; ox++) {
                                    ys[y + ox] += wv * xs[at + ox];
                                }
                            } else {
                                for (int ox = firstOx[kx]; ox <= lastOx[kx]; ox++) {
                                    ys[y + ox] += wv * xs[at + ox * sw];
                                }
                            }
                        }
                    }
                }
            }
        });
        return ys;
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double[] widen(byte[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double[] widen(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
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
