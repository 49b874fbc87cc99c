package org.sasim.simulator.vector;

import java.util.List;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.simulator.compute.GemmWorkers;

/**
 * The vector unit's element-wise datapath, fp32: activations, batch norm as a per-channel fp32 multiply-add with
 * scale {@code gamma / sqrt(var + eps)} and shift {@code beta - mean * scale} (each rounded to fp32 once), and the
 * residual add (inputs summed left to right in fp32). Element ranges or channel planes are split over the run's
 * workers ({@link PlaneRanges}); each output is computed by one thread exactly as on one thread.
 */
final class ElementwiseKernels {
    private static final int NEGATIVE_INFINITY_BITS = Float.floatToRawIntBits(Float.NEGATIVE_INFINITY);

    private ElementwiseKernels() {
    }

    /**
     * The output array: the input's own when the caller allows it (every kernel here reads element i of its inputs
     * before it writes element i, and nothing else), else a fresh one. Writing in place saves zeroing a fresh array
     * and keeps the data in the cache the producing layer left it in.
     */
    static float[] output(float[] xs, boolean inPlace) {
        return inPlace ? xs : new float[xs.length];
    }

    static FloatTensor relu(FloatTensor x, LaneLoops loops, boolean inPlace, GemmWorkers workers) {
        float[] xs = x.data();
        float[] ys = output(xs, inPlace);
        PlaneRanges.forEachStreaming(workers, xs.length, xs.length, (from, to) -> loops.relu(xs, ys, from, to));
        return new FloatTensor(x.shape(), ys);
    }

    /**
     * {@code v > 0 || isNaN(v) ? v : +0}, without a branch: half the inputs of a ReLU are negative in no pattern, so
     * a branch would be mispredicted for one element in two. The sign-bit mask clears exactly the words at or below
     * the bits of -infinity read as a signed int, that is every negative number and -0, never a NaN.
     */
    static float reluOf(float v) {
        int b = Float.floatToRawIntBits(v);
        int negative = (int) (((long) b - NEGATIVE_INFINITY_BITS - 1) >> 63);
        return Float.intBitsToFloat(b & ~negative);
    }

    static FloatTensor leakyRelu(FloatTensor x, double slope, boolean inPlace, GemmWorkers workers) {
        float s = (float) slope;
        float[] xs = x.data();
        float[] ys = output(xs, inPlace);
        PlaneRanges.forEachStreaming(workers, xs.length, xs.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                float v = xs[i];
                ys[i] = v >= 0f ? v : v * s;
            }
        });
        return new FloatTensor(x.shape(), ys);
    }

    static FloatTensor sigmoid(FloatTensor x, boolean inPlace, GemmWorkers workers) {
        float[] xs = x.data();
        float[] ys = output(xs, inPlace);
        PlaneRanges.forEach(workers, xs.length, xs.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                ys[i] = 1f / (1f + (float) Math.exp(-xs[i]));
            }
        });
        return new FloatTensor(x.shape(), ys);
    }

    static FloatTensor tanh(FloatTensor x, boolean inPlace, GemmWorkers workers) {
        float[] xs = x.data();
        float[] ys = output(xs, inPlace);
        PlaneRanges.forEach(workers, xs.length, xs.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                ys[i] = (float) Math.tanh(xs[i]);
            }
        });
        return new FloatTensor(x.shape(), ys);
    }

    static FloatTensor batchNorm(FloatTensor x, BatchNormParams p, double eps, LaneLoops loops, boolean inPlace,
                                 GemmWorkers workers) {
        Shape s = x.shape();
        int channels = s.channels();
        int plane = s.height() * s.width();
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) (p.gamma().data()[c] / Math.sqrt((double) p.runningVar().data()[c] + eps));
            shift[c] = p.beta().data()[c] - p.runningMean().data()[c] * scale[c];
        }
        float[] xs = x.data();
        float[] ys = output(xs, inPlace);
        PlaneRanges.forEachStreaming(workers, s.batch() * channels, xs.length, (from, to) -> {
            for (int np = from; np < to; np++) {
                loops.scaleShift(xs, ys, np * plane, (np + 1) * plane, scale[np % channels], shift[np % channels]);
            }
        });
        return new FloatTensor(s, ys);
    }

    static FloatTensor add(List<FloatTensor> xs, Shape out, boolean inPlace, GemmWorkers workers) {
        float[] first = xs.get(0).data();
        float[] ys = output(first, inPlace);
        float[] second = xs.get(1).data();
        PlaneRanges.forEachStreaming(workers, ys.length, ys.length, (from, to) -> {
            // the first two inputs in one pass (no copy of the first), further ones added in place, left to right
            for (int i = from; i < to; i++) {
                ys[i] = first[i] + second[i];
            }
            for (int k = 2; k < xs.size(); k++) {
                float[] b = xs.get(k).data();
                for (int i = from; i < to; i++) {
                    ys[i] += b[i];
                }
            }
        });
        return new FloatTensor(out, ys);
    }
}
