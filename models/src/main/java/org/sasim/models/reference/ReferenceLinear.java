package org.sasim.models.reference;

import java.util.List;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;

/** Fully connected layer by direct loops: y[n][o] = b[o] + sum_i x[n][i] * W[o][i]. */
final class ReferenceLinear {
    private ReferenceLinear() {
    }

    /** Float linear layer, accumulated in float64 (bias first), rounded once to float32. */
    static FloatTensor linear(Linear l, FloatTensor x, FloatTensor w, FloatTensor bias) {
        Shape out = l.outputShape(List.of(x.shape()));
        Checks.shape(l, "weight", w.shape(), l.weightShape());
        if (bias != null) {
            Checks.shape(l, "bias", bias.shape(), Shape.of(l.outFeatures()));
        }
        int batch = out.batch();
        int in = l.inFeatures();
        int outF = l.outFeatures();
        float[] xs = x.data();
        float[] ws = w.data();
        float[] ys = new float[batch * outF];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outF; o++) {
                double acc = bias == null ? 0.0 : bias.data()[o];
                for (int i = 0; i < in; i++) {
                    acc += (double) xs[n * in + i] * ws[o * in + i];
                }
                ys[n * outF + o] = (float) acc;
            }
        }
        return new FloatTensor(out, ys);
    }

    /** Integer linear layer: int8 x int8 products summed exactly with the optional int32 bias; must fit int32. */
    static IntTensor linearInt8(Linear l, ByteTensor x, ByteTensor w, IntTensor bias) {
        Shape out = l.outputShape(List.of(x.shape()));
        Checks.shape(l, "weight", w.shape(), l.weightShape());
        if (bias != null) {
            Checks.shape(l, "bias", bias.shape(), Shape.of(l.outFeatures()));
        }
        int batch = out.batch();
        int in = l.inFeatures();
        int outF = l.outFeatures();
        byte[] xs = x.data();
        byte[] ws = w.data();
        int[] ys = new int[batch * outF];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outF; o++) {
                long acc = bias == null ? 0 : bias.data()[o];
                for (int i = 0; i < in; i++) {
                    acc += xs[n * in + i] * ws[o * in + i];
                }
                ys[n * outF + o] = Checks.toInt32(l, acc);
            }
        }
        return new IntTensor(out, ys);
    }
}
