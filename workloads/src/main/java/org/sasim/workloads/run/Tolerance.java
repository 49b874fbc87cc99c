package org.sasim.workloads.run;

import java.util.List;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.DenseParams;
import org.sasim.models.weights.LayerParams;
import org.sasim.simulator.arch.Datatype;

/**
 * How far a simulated layer output may be from the reference engine's output for the same inputs, per element.
 * Differences come only from arithmetic: the reference accumulates in float64, the array in its datatype's
 * accumulator.
 */
public sealed interface Tolerance {
    /** The default relative tolerance for fp32: that of the simulator's PyTorch agreement tests. */
    double FP32_RELATIVE = 1e-4;

    /**
     * The largest |simulated - reference| that passes, per element of {@code reference}.
     *
     * @param layer     the layer
     * @param inputs    its inputs (the simulated outputs of the layers it reads)
     * @param params    its parameters, or null
     * @param reference the reference output for {@code inputs}
     */
    double[] bounds(Layer layer, List<FloatTensor> inputs, LayerParams params, FloatTensor reference);

    /** What the bound is, for people. */
    String describe();

    /** The tolerance of a datatype's datapath; {@code relative} replaces {@link #FP32_RELATIVE}. */
    static Tolerance of(Datatype datatype, double relative) {
        return switch (datatype) {
            case INT8 -> new Exact();
            case BF16 -> new Bf16Operands(relative);
            default -> new Scaled(relative);
        };
    }

    /** Integer datapaths: every element equal. */
    record Exact() implements Tolerance {
        @Override
        public double[] bounds(Layer layer, List<FloatTensor> inputs, LayerParams params, FloatTensor reference) {
            return new double[reference.data().length];
        }

        @Override
        public String describe() {
            return "equal";
        }
    }

    /**
     * fp32: {@code |y - ref| <= relative * max(1, max|ref|)} for every element of the layer, i.e. relative to the
     * layer's largest magnitude (element-wise relative errors are meaningless next to zero).
     */
    record Scaled(double relative) implements Tolerance {
        @Override
        public double[] bounds(Layer layer, List<FloatTensor> inputs, LayerParams params, FloatTensor reference) {
            double[] b = new double[reference.data().length];
            java.util.Arrays.fill(b, relative * Math.max(1, maxAbs(reference.data())));
            return b;
        }

        @Override
        public String describe() {
            return "|diff| <= " + relative + " * max(1, max|ref|)";
        }
    }

    /**
     * bf16 operands, fp32 accumulation (conv and linear): rounding both operands to 8 significant bits changes
     * each product by at most {@code 2^-7 + 2^-16} of its magnitude, and fp32 accumulation over K terms adds at
     * most {@code K * 2^-24} of the sum of magnitudes, so per element
     * {@code |y - ref| <= (2^-7 + 2^-16 + K 2^-24) * sum_k |x_k w_k| + relative * max(1, max|ref|)} (the bound of
     * the simulator's bf16 tests). The vector unit computes in fp32: {@link Scaled} there.
     */
    record Bf16Operands(double relative) implements Tolerance {
        @Override
        public double[] bounds(Layer layer, List<FloatTensor> inputs, LayerParams params, FloatTensor reference) {
            double[] b = new Scaled(relative).bounds(layer, inputs, params, reference);
            int k;
            Layer unbiased;
            if (layer instanceof Conv2d c) {
                k = c.inChannelsPerGroup() * c.kernel().h() * c.kernel().w();
                unbiased = new Conv2d(c.name(), c.input(), c.inChannels(), c.outChannels(), c.kernel(), c.stride(),
                        c.padding(), c.dilation(), c.groups(), false);
            } else if (layer instanceof Linear l) {
                k = l.inFeatures();
                unbiased = new Linear(l.name(), l.input(), l.inFeatures(), l.outFeatures(), false);
            } else {
                return b;
            }
            // sum_k |x_k w_k| per output element: the layer itself on absolute operands, without bias.
            DenseParams p = (DenseParams) params;
            FloatTensor magnitudes = ReferenceEngine.evaluate(unbiased, List.of(abs(inputs.get(0))),
                    new DenseParams(abs(p.weight()), null));
            double rel = Math.pow(2, -7) + Math.pow(2, -16) + k * Math.pow(2, -24);
            float[] s = magnitudes.data();
            for (int i = 0; i < b.length; i++) {
                // The reference's float32 rounding of the magnitude sum is within 2^-24 of it: inflate slightly.
                b[i] += rel * s[i] * (1 + 0x1p-23);
            }
            return b;
        }

        @Override
        public String describe() {
            return "bf16 operand rounding bound (2^-7 + 2^-16 + K 2^-24) * sum|x w| + " + relative
                    + " * max(1, max|ref|)";
        }

        private static FloatTensor abs(FloatTensor t) {
            float[] d = t.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.abs(d[i]);
            }
            return new FloatTensor(t.shape(), d);
        }
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
