package org.sasim.models.reference;

import java.util.List;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Softmax;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.BatchNormParams;

/** Normalisations: batch norm (inference), local response norm and softmax, computed in float64. */
final class ReferenceNorm {
    private ReferenceNorm() {
    }

    /** y = (x - runningMean) / sqrt(runningVar + eps) * gamma + beta, per channel of an NCHW tensor. */
    static FloatTensor batchNorm(BatchNorm2d l, FloatTensor x, BatchNormParams p) {
        Shape in = l.outputShape(List.of(x.shape()));
        Shape c = Shape.of(l.numFeatures());
        Checks.shape(l, "gamma", p.gamma().shape(), c);
        Checks.shape(l, "beta", p.beta().shape(), c);
        Checks.shape(l, "running_mean", p.runningMean().shape(), c);
        Checks.shape(l, "running_var", p.runningVar().shape(), c);
        int channels = in.channels();
        int plane = in.height() * in.width();
        float[] xs = x.data();
        float[] ys = new float[xs.length];
        for (int n = 0; n < in.batch(); n++) {
            for (int ch = 0; ch < channels; ch++) {
                double mean = p.runningMean().data()[ch];
                double scale = p.gamma().data()[ch] / Math.sqrt(p.runningVar().data()[ch] + l.eps());
                double shift = p.beta().data()[ch];
                int base = (n * channels + ch) * plane;
                for (int i = base; i < base + plane; i++) {
                    ys[i] = (float) ((xs[i] - mean) * scale + shift);
                }
            }
        }
        return new FloatTensor(in, ys);
    }

    /**
     * Local response norm across channels, PyTorch semantics: b_c = a_c / (k + alpha * avg)^beta where avg is the
     * mean of a^2 over channels [c - size/2, c + (size-1)/2], zero-padded at both ends and always divided by size.
     */
    static FloatTensor lrn(Lrn l, FloatTensor x) {
        Shape in = l.outputShape(List.of(x.shape()));
        int channels = in.channels();
        int plane = in.height() * in.width();
        int before = l.size() / 2;
        int after = (l.size() - 1) / 2;
        float[] xs = x.data();
        float[] ys = new float[xs.length];
        for (int n = 0; n < in.batch(); n++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    double sumSq = 0;
                    for (int j = Math.max(0, c - before); j <= Math.min(channels - 1, c + after); j++) {
                        double a = xs[(n * channels + j) * plane + i];
                        sumSq += a * a;
                    }
                    double div = Math.pow(l.k() + l.alpha() * (sumSq / l.size()), l.beta());
                    int idx = (n * channels + c) * plane + i;
                    ys[idx] = (float) (xs[idx] / div);
                }
            }
        }
        return new FloatTensor(in, ys);
    }

    /**
     * Softmax over dimension 1 of a tensor of rank >= 2, numerically stable: e^(x - max) / sum e^(x - max), so
     * large logits never overflow.
     */
    static FloatTensor softmax(Softmax l, FloatTensor x) {
        Shape in = l.outputShape(List.of(x.shape()));
        int outer = in.dim(0);
        int classes = in.dim(1);
        int inner = Math.toIntExact(in.elements() / Math.max(1L, (long) outer * classes));
        float[] xs = x.data();
        float[] ys = new float[xs.length];
        for (int n = 0; n < outer; n++) {
            for (int i = 0; i < inner; i++) {
                int base = n * classes * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, xs[base + c * inner]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(xs[base + c * inner] - max);
                }
                for (int c = 0; c < classes; c++) {
                    ys[base + c * inner] = (float) (Math.exp(xs[base + c * inner] - max) / sum);
                }
            }
        }
        return new FloatTensor(in, ys);
    }
}
