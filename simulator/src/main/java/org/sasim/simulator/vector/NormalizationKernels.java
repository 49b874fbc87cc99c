package org.sasim.simulator.vector;

import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;

/**
 * The vector unit's cross-element datapath, fp32: softmax over dimension 1 (subtract the row max, fp32
 * exponentials summed in class order, one division each) and LRN across channels (fp32 sum of squares over
 * [c - size/2, c + (size-1)/2], zero-padded, divided by size; then {@code (k + alpha*avg)^beta}).
 */
final class NormalizationKernels {
    private NormalizationKernels() {
    }

    static FloatTensor softmax(FloatTensor x) {
        Shape in = x.shape();
        int outer = in.dim(0);
        int classes = in.dim(1);
        int inner = Math.toIntExact(in.elements() / Math.max(1L, (long) outer * classes));
        float[] xs = x.data();
        float[] ys = new float[xs.length];
        for (int n = 0; n < outer; n++) {
            for (int i = 0; i < inner; i++) {
                int base = n * classes * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, xs[base + c * inner]);
                }
                float sum = 0f;
                for (int c = 0; c < classes; c++) {
                    float e = (float) Math.exp(xs[base + c * inner] - max);
                    ys[base + c * inner] = e;
                    sum += e;
                }
                for (int c = 0; c < classes; c++) {
                    ys[base + c * inner] /= sum;
                }
            }
        }
        return new FloatTensor(in, ys);
    }

    static FloatTensor lrn(Lrn l, FloatTensor x) {
        Shape in = x.shape();
        int channels = in.channels();
        int plane = in.height() * in.width();
        int before = l.size() / 2;
        int after = (l.size() - 1) / 2;
        float alpha = (float) l.alpha();
        float k = (float) l.k();
        float[] xs = x.data();
        float[] ys = new float[xs.length];
        for (int n = 0; n < in.batch(); n++) {
            for (int c = 0; c < channels; c++) {
                int lo = Math.max(0, c - before);
                int hi = Math.min(channels - 1, c + after);
                for (int i = 0; i < plane; i++) {
                    float sumSq = 0f;
                    for (int j = lo; j <= hi; j++) {
                        float a = xs[(n * channels + j) * plane + i];
                        sumSq += a * a;
                    }
                    float div = (float) Math.pow(k + alpha * (sumSq / l.size()), l.beta());
                    int idx = (n * channels + c) * plane + i;
                    ys[idx] = xs[idx] / div;
                }
            }
        }
        return new FloatTensor(in, ys);
    }
}
