package org.sasim.models.weights;

import java.util.Arrays;
import java.util.List;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;

/**
 * Estimated per-channel mean and variance of an activation (channel = dimension 1), propagated layer by layer under
 * a mean-field assumption: every element is an independent Gaussian with its channel's moments. It only has to be
 * good enough to set batch-norm running statistics so that real activations stay near unit scale; pooling is
 * treated as moment-preserving and the smooth activations use standard closed-form approximations.
 *
 * <p>All arithmetic is float64 with {@code StrictMath}, so the estimates (and the weights derived from them) are
 * bit-reproducible.
 *
 * @param mean      per-channel mean
 * @param var       per-channel variance (>= 0)
 * @param rectified when the tensor is a (leaky) ReLU of a Gaussian: that Gaussian's moments and the slope, so that
 *                  max pooling can be evaluated before the rectification (max(relu(x)) = relu(max(x))); else null
 */
record ActivationMoments(double[] mean, double[] var, Rectified rectified) {
    private static final double INV_SQRT_2PI = 1 / StrictMath.sqrt(2 * Math.PI);

    /** Pre-activation Gaussian moments of a rectified tensor. */
    record Rectified(ActivationMoments pre, double slope) {
    }

    ActivationMoments(double[] mean, double[] var) {
        this(mean, var, null);
    }

    /** Every channel with the same moments. */
    static ActivationMoments uniform(int channels, double mean, double var) {
        double[] m = new double[channels];
        double[] v = new double[channels];
        Arrays.fill(m, mean);
        Arrays.fill(v, var);
        return new ActivationMoments(m, v);
    }

    int channels() {
        return mean.length;
    }

    /** Moments of the output of a convolution or linear layer with the given parameters. */
    static ActivationMoments throughDense(Layer layer, DenseParams p, ActivationMoments in) {
        float[] w = p.weight().data();
        int outs = p.weight().shape().dim(0);
        int perOut = w.length / outs;
        int inPerGroup;
        int taps;
        int outPerGroup;
        if (layer instanceof Conv2d c) {
            inPerGroup = c.inChannelsPerGroup();
            taps = c.kernel().h() * c.kernel().w();
            outPerGroup = c.outChannelsPerGroup();
        } else {
            inPerGroup = perOut; // linear: one "channel" per input feature, one tap each
            taps = 1;
            outPerGroup = outs;
        }
        double[] m = new double[outs];
        double[] v = new double[outs];
        for (int o = 0; o < outs; o++) {
            int firstChannel = (o / outPerGroup) * inPerGroup;
            double mean = p.hasBias() ? p.bias().data()[o] : 0;
            double var = 0;
            for (int c = 0; c < inPerGroup; c++) {
                double sum = 0;
                double sumSq = 0;
                for (int k = 0; k < taps; k++) {
                    double wv = w[o * perOut + c * taps + k];
                    sum += wv;
                    sumSq += wv * wv;
                }
                mean += in.mean[firstChannel + c] * sum;
                var += in.var[firstChannel + c] * sumSq;
            }
            m[o] = mean;
            v[o] = var;
        }
        return new ActivationMoments(m, v);
    }

    /** Moments after inference batch norm with the given state. */
    static ActivationMoments throughBatchNorm(BatchNorm2d l, BatchNormParams p, ActivationMoments in) {
        int c = l.numFeatures();
        double[] m = new double[c];
        double[] v = new double[c];
        for (int i = 0; i < c; i++) {
            double scale = p.gamma().data()[i] / StrictMath.sqrt(p.runningVar().data()[i] + l.eps());
            m[i] = (in.mean[i] - p.runningMean().data()[i]) * scale + p.beta().data()[i];
            v[i] = in.var[i] * scale * scale;
        }
        return new ActivationMoments(m, v);
    }

    /** Moments after a layer without parameters. */
    static ActivationMoments throughParamFree(Node node, List<ActivationMoments> ins) {
        Layer layer = node.layer();
        ActivationMoments in = ins.get(0);
        if (layer instanceof Relu) {
            return in.rectify(0);
        } else if (layer instanceof LeakyRelu l) {
            return in.rectify(l.negativeSlope());
        } else if (layer instanceof Sigmoid) {
            return in.map(ActivationMoments::sigmoid);
        } else if (layer instanceof Tanh) {
            // tanh(x) = 2 sigmoid(2x) - 1
            return in.map((mu, var) -> {
                double[] s = sigmoid(2 * mu, 4 * var);
                return new double[] {2 * s[0] - 1, 4 * s[1]};
            });
        } else if (layer instanceof MaxPool2d l) {
            // The maximum of n taps is far from neutral (for 3x3 it moves the mean up by ~1.5 sigma); a batch norm
            // calibrated without this is off by ~4x in second moment, an error later batch norms compound.
            double[] order = maxOfNormals(l.kernel().h() * l.kernel().w());
            ChannelRule max = (mu, var) -> new double[] {mu + StrictMath.sqrt(var) * order[0], var * order[1]};
            if (in.rectified != null && in.rectified.slope() >= 0) {
                // Rectification is monotone, so the max of rectified taps is the rectified max of the Gaussians.
                return in.rectified.pre().map(max).rectify(in.rectified.slope());
            }
            return in.map(max);
        } else if (layer instanceof AvgPool2d || layer instanceof AdaptiveAvgPool2d
                || layer instanceof GlobalAvgPool || layer instanceof Dropout) {
            // Averaging keeps the mean; neighbouring activations are strongly correlated, so the variance drops far
            // less than 1/n. Treating it as unchanged errs on the safe side (a following batch norm scales down).
            return in;
        } else if (layer instanceof Add) {
            double[] m = new double[in.channels()];
            double[] v = new double[in.channels()];
            for (ActivationMoments a : ins) {
                for (int i = 0; i < m.length; i++) {
                    m[i] += a.mean[i];
                    v[i] += a.var[i]; // branches treated as independent
                }
            }
            return new ActivationMoments(m, v);
        } else if (layer instanceof Flatten) {
            Shape s = node.inputShapes().get(0);
            int perChannel = Math.toIntExact(s.elements() / Math.max(1L, (long) s.dim(0) * s.dim(1)));
            int features = in.channels() * perChannel;
            double[] m = new double[features];
            double[] v = new double[features];
            for (int f = 0; f < features; f++) {
                m[f] = in.mean[f / perChannel];
                v[f] = in.var[f / perChannel];
            }
            return new ActivationMoments(m, v);
        } else if (layer instanceof Softmax) {
            return uniform(in.channels(), 1.0 / in.channels(), 0);
        } else if (layer instanceof Lrn l) {
            // For unit-scale inputs alpha * avg(a^2) is negligible next to k: the layer divides by about k^beta.
            double s = StrictMath.pow(l.k(), -l.beta());
            return in.map((mu, var) -> new double[] {mu * s, var * s * s});
        } else if (layer instanceof Conv2d || layer instanceof Linear || layer instanceof BatchNorm2d) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' has parameters");
        }
        throw new AssertionError("no moment rule for layer kind " + layer.kind());
    }

    private interface ChannelRule {
        double[] apply(double mean, double var);
    }

    /** Moments after (leaky) ReLU, remembering the Gaussian they came from. */
    private ActivationMoments rectify(double slope) {
        ActivationMoments out = map((mu, var) -> rectified(mu, var, slope));
        return new ActivationMoments(out.mean, out.var, new Rectified(this, slope));
    }

    private ActivationMoments map(ChannelRule rule) {
        double[] m = new double[mean.length];
        double[] v = new double[mean.length];
        for (int i = 0; i < m.length; i++) {
            double[] r = rule.apply(mean[i], var[i]);
            m[i] = r[0];
            v[i] = Math.max(0, r[1]);
        }
        return new ActivationMoments(m, v);
    }

    /**
     * Mean and variance of leaky-ReLU(x) = max(x, 0) + slope * min(x, 0) for x ~ N(mu, var), from the exact
     * rectified-Gaussian moments E[max(x,0)] = mu Phi(z) + s phi(z), E[max(x,0)^2] = (mu^2 + s^2) Phi(z) + mu s phi(z),
     * z = mu / s (and the mirrored ones for min(x, 0)).
     */
    static double[] rectified(double mu, double var, double slope) {
        if (var <= 0) {
            double y = mu >= 0 ? mu : slope * mu;
            return new double[] {y, 0};
        }
        double s = StrictMath.sqrt(var);
        double z = mu / s;
        double pos1 = mu * cdf(z) + s * pdf(z);
        double pos2 = (mu * mu + var) * cdf(z) + mu * s * pdf(z);
        // min(x, 0) = -max(-x, 0) with -x ~ N(-mu, var)
        double neg1 = -mu * cdf(-z) + s * pdf(z);
        double neg2 = (mu * mu + var) * cdf(-z) - mu * s * pdf(z);
        double mean = pos1 - slope * neg1;
        double second = pos2 + slope * slope * neg2; // the cross term vanishes: max(x,0) * min(x,0) = 0
        return new double[] {mean, second - mean * mean};
    }

    /** Probit approximation of E[sigmoid(x)], and the delta-method variance. */
    private static double[] sigmoid(double mu, double var) {
        double m = 1 / (1 + StrictMath.exp(-mu / StrictMath.sqrt(1 + Math.PI * var / 8)));
        double slope = m * (1 - m);
        return new double[] {m, Math.min(slope * slope * var, 0.25)};
    }

    /**
     * Mean and variance of the maximum of n independent standard normals: the order-statistic density
     * n phi(z) Phi(z)^(n-1) integrated by the trapezoid rule over [-12, 12] (step 1/256; the tails beyond are below
     * 1e-30).
     */
    static double[] maxOfNormals(int n) {
        if (n <= 1) {
            return new double[] {0, 1};
        }
        double h = 1.0 / 256;
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        for (int i = -12 * 256; i <= 12 * 256; i++) {
            double z = i * h;
            double weight = (Math.abs(i) == 12 * 256 ? 0.5 : 1) * n * pdf(z) * StrictMath.pow(cdf(z), n - 1);
            m0 += weight;
            m1 += weight * z;
            m2 += weight * z * z;
        }
        double mean = m1 / m0;
        return new double[] {mean, m2 / m0 - mean * mean};
    }

    static double pdf(double z) {
        return INV_SQRT_2PI * StrictMath.exp(-0.5 * z * z);
    }

    /** Standard normal CDF, via the erfc approximation of Numerical Recipes (relative error below 1.2e-7). */
    static double cdf(double z) {
        return 0.5 * erfc(-z / StrictMath.sqrt(2));
    }

    private static double erfc(double x) {
        double a = Math.abs(x);
        double t = 1 / (1 + 0.5 * a);
        double r = t * StrictMath.exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
