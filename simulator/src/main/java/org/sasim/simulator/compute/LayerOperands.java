package org.sasim.simulator.compute;

import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Tensor;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;
import org.sasim.simulator.mapping.Im2colMapping;

/**
 * Builds a conv or linear layer's GEMM operands from its tensors the im2col way (PyTorch semantics: zero padding,
 * stride, dilation, groups): A[g][m][k] with m = (batch, oh, ow) and k = (c, kh, kw) within the group, matching
 * OIHW weights; B[g][k][n] = W[g*N + n][k]. fp32/bf16 layers take FloatTensors (bf16 rounds them on the way in);
 * int8 layers take ByteTensors. Also turns output words back into an NCHW (or N x features) tensor layout.
 */
public final class LayerOperands {
    private LayerOperands() {
    }

    /** The GEMM operands of {@code node} for {@code input} and {@code weight} in datatype {@code d}. */
    public static GemmOperands of(Node node, Tensor input, Tensor weight, Datatype d) {
        Gemm g = Im2colMapping.gemmOf(node).orElseThrow(() -> new IllegalArgumentException("layer '" + node.name()
                + "' (" + node.layer().kind() + ") does not run on the systolic array"));
        Shape inShape = node.inputShapes().get(0);
        checkInput(node, input);
        int[] x = words(input, d, node.name() + " input");
        int[] w = words(weight, d, node.name() + " weight");
        int[] a = new int[Math.toIntExact((long) g.groups() * g.m() * g.k())];
        int[] b = new int[Math.toIntExact((long) g.groups() * g.k() * g.n())];
        if (node.layer() instanceof Conv2d c) {
            checkShape(node, weight, c.weightShape());
            Shape out = node.outputShape();
            im2col(c, inShape, out, x, a, g);
        } else if (node.layer() instanceof Linear l) {
            checkShape(node, weight, l.weightShape());
            System.arraycopy(x, 0, a, 0, a.length);
        }
        // B[g][k][n] = W[g*N + n][k]
        for (int grp = 0; grp < g.groups(); grp++) {
            for (int n = 0; n < g.n(); n++) {
                int src = (grp * g.n() + n) * g.k();
                int dst = grp * g.k() * g.n() + n;
                for (int k = 0; k < g.k(); k++) {
                    b[dst + k * g.n()] = w[src + k];
                }
            }
        }
        return new GemmOperands(g, d, a, b);
    }

    private static void im2col(Conv2d c, Shape in, Shape out, int[] x, int[] a, Gemm g) {
        int ho = out.height();
        int wo = out.width();
        int hi = in.height();
        int wi = in.width();
        int cpg = c.inChannelsPerGroup();
        int kh = c.kernel().h();
        int kw = c.kernel().w();
        for (int grp = 0; grp < g.groups(); grp++) {
            for (int bt = 0; bt < in.batch(); bt++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        int m = (bt * ho + oh) * wo + ow;
                        int row = (grp * g.m() + m) * g.k();
                        int k = 0;
                        for (int ci = 0; ci < cpg; ci++) {
                            int chan = (bt * in.channels() + grp * cpg + ci) * hi;
                            for (int r = 0; r < kh; r++) {
                                int ih = oh * c.stride().h() - c.padding().h() + r * c.dilation().h();
                                for (int s = 0; s < kw; s++, k++) {
                                    int iw = ow * c.stride().w() - c.padding().w() + s * c.dilation().w();
                                    a[row + k] = ih < 0 || ih >= hi || iw < 0 || iw >= wi ? 0
                                            : x[(chan + ih) * wi + iw];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Reorders output words {@code [g][m][n]} into the layer's output layout (NCHW, or N x features). */
    public static int[] toOutputLayout(Node node, Gemm g, int[] words) {
        if (node.layer() instanceof Linear) {
            return words;
        }
        Shape out = node.outputShape();
        int hw = out.height() * out.width();
        int[] res = new int[words.length];
        for (int grp = 0; grp < g.groups(); grp++) {
            for (int m = 0; m < g.m(); m++) {
                int bt = m / hw;
                int p = m % hw;
                int src = (grp * g.m() + m) * g.n();
                for (int n = 0; n < g.n(); n++) {
                    res[(bt * out.channels() + grp * g.n() + n) * hw + p] = words[src + n];
                }
            }
        }
        return res;
    }

    /** Rejects an input whose shape is not the node's input shape. */
    static void checkInput(Node node, Tensor input) {
        Shape inShape = node.inputShapes().get(0);
        if (!input.shape().equals(inShape)) {
            throw new IllegalArgumentException("layer '" + node.name() + "': input has shape " + input.shape()
                    + ", expected " + inShape);
        }
    }

    /** Rejects weights whose shape is not {@code expected}. */
    static void checkShape(Node node, Tensor weight, Shape expected) {
        if (!weight.shape().equals(expected)) {
            throw new IllegalArgumentException("layer '" + node.name() + "': weight has shape " + weight.shape()
                    + ", expected " + expected);
        }
    }

    private static int[] words(Tensor t, Datatype d, String what) {
        if (d == Datatype.INT8) {
            if (!(t instanceof ByteTensor bt)) {
                throw new IllegalArgumentException(what + ": int8 datapath needs an int8 tensor, got " + t.dtype());
            }
            byte[] src = bt.data();
            int[] w = new int[src.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = src[i];
            }
            return w;
        }
        if (!(t instanceof FloatTensor ft)) {
            throw new IllegalArgumentException(what + ": " + d + " datapath needs a float32 tensor, got " + t.dtype());
        }
        float[] src = ft.data();
        int[] w = new int[src.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = GemmOperands.word(src[i], d);
        }
        return w;
    }
}
