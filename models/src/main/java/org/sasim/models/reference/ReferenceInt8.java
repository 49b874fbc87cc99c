package org.sasim.models.reference;

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
import org.sasim.models.quant.AddRescale;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.IntegerRounding;
import org.sasim.models.quant.LookupTable;
import org.sasim.models.quant.LrnRequantizer;
import org.sasim.models.quant.QuantizedDense;
import org.sasim.models.quant.SoftmaxTable;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.IntTensor;

/**
 * One layer of an int8 network by direct loops, following docs/quantization.md: conv and linear as exact int32
 * sums ({@link ReferenceConv#conv2dInt8}, {@link ReferenceLinear#linearInt8}) then the layer's requantizer; pools,
 * ReLU, add, lookup tables, softmax and LRN on int8 values with the scheme's integer rounding.
 */
final class ReferenceInt8 {
    private ReferenceInt8() {
    }

    static ByteTensor evaluate(Node node, List<ByteTensor> in, Int8Network program) {
        Layer layer = node.layer();
        String name = node.name();
        ByteTensor x = in.get(0);
        if (layer instanceof Conv2d c) {
            QuantizedDense d = program.dense(name);
            return requantize(ReferenceConv.conv2dInt8(c, x, d.weight(), d.bias()), d);
        } else if (layer instanceof Linear l) {
            QuantizedDense d = program.dense(name);
            return requantize(ReferenceLinear.linearInt8(l, x, d.weight(), d.bias()), d);
        } else if (layer instanceof MaxPool2d l) {
            return maxPool(l, x, node.outputShape());
        } else if (layer instanceof AvgPool2d l) {
            return avgPool(l, x, node.outputShape());
        } else if (layer instanceof AdaptiveAvgPool2d) {
            return adaptiveAvgPool(x, node.outputShape());
        } else if (layer instanceof GlobalAvgPool) {
            return adaptiveAvgPool(x, node.outputShape()); // a 1x1 adaptive pool is the global mean
        } else if (layer instanceof Relu) {
            byte[] xs = x.data();
            byte[] ys = new byte[xs.length];
            for (int i = 0; i < xs.length; i++) {
                ys[i] = (byte) Math.max(xs[i], 0);
            }
            return new ByteTensor(x.shape(), ys);
        } else if (layer instanceof Sigmoid || layer instanceof Tanh || layer instanceof LeakyRelu) {
            LookupTable t = program.table(name);
            byte[] xs = x.data();
            byte[] ys = new byte[xs.length];
            for (int i = 0; i < xs.length; i++) {
                ys[i] = t.apply(xs[i]);
            }
            return new ByteTensor(x.shape(), ys);
        } else if (layer instanceof BatchNorm2d) {
            if (!program.isFolded(name)) {
                throw new IllegalStateException("batch norm '" + name + "' was not folded");
            }
            return x; // folded into the conv before it
        } else if (layer instanceof Add) {
            return add(in, program.add(name));
        } else if (layer instanceof Flatten) {
            return x.reshape(node.outputShape());
        } else if (layer instanceof Dropout) {
            return x;
        } else if (layer instanceof Softmax) {
            return softmax(x, program.softmax(name));
        } else if (layer instanceof Lrn l) {
            return lrn(l, x, program.lrn(name));
        }
        throw new AssertionError("no int8 reference for layer kind " + layer.kind());
    }

    /** Output element i of an NCHW (or N x F) tensor belongs to channel (i / plane) % channels. */
    private static ByteTensor requantize(IntTensor acc, QuantizedDense d) {
        Shape s = acc.shape();
        int channels = s.dim(1);
        int plane = Math.toIntExact(s.elements() / s.dim(0) / channels);
        int[] a = acc.data();
        byte[] y = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = d.requantize(a[i], (i / plane) % channels);
        }
        return new ByteTensor(s, y);
    }

    private static ByteTensor maxPool(MaxPool2d l, ByteTensor x, Shape out) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        byte[] xs = x.data();
        byte[] ys = new byte[Math.toIntExact(out.elements())];
        int i = 0;
        for (int p = 0; p < in.batch() * in.channels(); p++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    int m = Integer.MIN_VALUE;
                    for (int ky = 0; ky < l.kernel().h(); ky++) {
                        for (int kx = 0; kx < l.kernel().w(); kx++) {
                            int iy = oy * l.stride().h() - l.padding().h() + ky;
                            int ix = ox * l.stride().w() - l.padding().w() + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                m = Math.max(m, xs[(p * h + iy) * w + ix]);
                            }
                        }
                    }
                    ys[i++] = (byte) m;
                }
            }
        }
        return new ByteTensor(out, ys);
    }

    /** Same divisor rules as {@link ReferencePool#avgPool}; the integer sum is divided with rounding. */
    private static ByteTensor avgPool(AvgPool2d l, ByteTensor x, Shape out) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        byte[] xs = x.data();
        byte[] ys = new byte[Math.toIntExact(out.elements())];
        int i = 0;
        for (int p = 0; p < in.batch() * in.channels(); p++) {
            for (int oy = 0; oy < out.height(); oy++) {
                int yStart = oy * l.stride().h() - l.padding().h();
                int yEnd = Math.min(yStart + l.kernel().h(), h + l.padding().h());
                for (int ox = 0; ox < out.width(); ox++) {
                    int xStart = ox * l.stride().w() - l.padding().w();
                    int xEnd = Math.min(xStart + l.kernel().w(), w + l.padding().w());
                    long sum = 0;
                    int inside = 0;
                    for (int iy = Math.max(yStart, 0); iy < Math.min(yEnd, h); iy++) {
                        for (int ix = Math.max(xStart, 0); ix < Math.min(xEnd, w); ix++) {
                            sum += xs[(p * h + iy) * w + ix];
                            inside++;
                        }
                    }
                    int divisor = l.countIncludePad() ? (yEnd - yStart) * (xEnd - xStart) : inside;
                    ys[i++] = (byte) IntegerRounding.divideHalfAwayFromZero(sum, divisor);
                }
            }
        }
        return new ByteTensor(out, ys);
    }

    /** Output cell (oy, ox) averages rows [floor(oy*H/Ho), ceil((oy+1)*H/Ho)) and likewise columns. */
    private static ByteTensor adaptiveAvgPool(ByteTensor x, Shape out) {
        Shape in = x.shape();
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        byte[] xs = x.data();
        byte[] ys = new byte[Math.toIntExact(out.elements())];
        int i = 0;
        for (int p = 0; p < in.batch() * in.channels(); p++) {
            for (int oy = 0; oy < ho; oy++) {
                int y0 = oy * h / ho;
                int y1 = ((oy + 1) * h + ho - 1) / ho;
                for (int ox = 0; ox < wo; ox++) {
                    int x0 = ox * w / wo;
                    int x1 = ((ox + 1) * w + wo - 1) / wo;
                    long sum = 0;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            sum += xs[(p * h + iy) * w + ix];
                        }
                    }
                    ys[i++] = (byte) IntegerRounding.divideHalfAwayFromZero(sum, (long) (y1 - y0) * (x1 - x0));
                }
            }
        }
        return new ByteTensor(out, ys);
    }

    private static ByteTensor add(List<ByteTensor> in, AddRescale r) {
        int n = in.get(0).data().length;
        byte[] ys = new byte[n];
        for (int i = 0; i < n; i++) {
            int sum = 0;
            for (int k = 0; k < in.size(); k++) {
                sum += r.rescaleInput(k, in.get(k).data()[i]);
            }
            ys[i] = r.output(sum);
        }
        return new ByteTensor(in.get(0).shape(), ys);
    }

    /** Over dimension 1, like {@link ReferenceNorm#softmax}. */
    private static ByteTensor softmax(ByteTensor x, SoftmaxTable t) {
        Shape s = x.shape();
        int outer = s.dim(0);
        int classes = s.dim(1);
        int inner = Math.toIntExact(s.elements() / ((long) outer * classes));
        byte[] xs = x.data();
        byte[] ys = new byte[xs.length];
        for (int n = 0; n < outer; n++) {
            for (int i = 0; i < inner; i++) {
                int max = Integer.MIN_VALUE;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, xs[(n * classes + c) * inner + i]);
                }
                long sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += t.exp(max - xs[(n * classes + c) * inner + i]);
                }
                for (int c = 0; c < classes; c++) {
                    int idx = (n * classes + c) * inner + i;
                    ys[idx] = t.output(t.exp(max - xs[idx]), sum);
                }
            }
        }
        return new ByteTensor(s, ys);
    }

    /** Window of channel c: [c - size/2, c + (size-1)/2], clipped, like {@link ReferenceNorm#lrn}. */
    private static ByteTensor lrn(Lrn l, ByteTensor x, LrnRequantizer r) {
        Shape s = x.shape();
        int channels = s.channels();
        int plane = s.height() * s.width();
        byte[] xs = x.data();
        byte[] ys = new byte[xs.length];
        for (int n = 0; n < s.batch(); n++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    long sumSq = 0;
                    for (int j = Math.max(0, c - l.size() / 2); j <= Math.min(channels - 1, c + (l.size() - 1) / 2);
                            j++) {
                        int a = xs[(n * channels + j) * plane + i];
                        sumSq += a * a;
                    }
                    int idx = (n * channels + c) * plane + i;
                    ys[idx] = r.apply(xs[idx], sumSq);
                }
            }
        }
        return new ByteTensor(s, ys);
    }
}
