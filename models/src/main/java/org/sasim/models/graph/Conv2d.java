package org.sasim.models.graph;

import java.util.List;

/**
 * 2-D convolution, PyTorch semantics: weights OIHW = (outChannels, inChannels/groups, kH, kW), symmetric zero
 * padding, dilation, groups (groups == inChannels is depthwise, possibly with a channel multiplier).
 */
public record Conv2d(String name, String input, int inChannels, int outChannels, Dims2 kernel, Dims2 stride,
                     Dims2 padding, Dims2 dilation, int groups, boolean bias) implements Layer {

    public Conv2d {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new GraphException(name, "channels must be positive (in " + inChannels + ", out " + outChannels + ")");
        }
        if (kernel.h() <= 0 || kernel.w() <= 0) {
            throw new GraphException(name, "kernel must be positive, got " + kernel);
        }
        if (stride.h() <= 0 || stride.w() <= 0) {
            throw new GraphException(name, "stride must be positive, got " + stride);
        }
        if (padding.h() < 0 || padding.w() < 0) {
            throw new GraphException(name, "padding must not be negative, got " + padding);
        }
        if (dilation.h() <= 0 || dilation.w() <= 0) {
            throw new GraphException(name, "dilation must be positive, got " + dilation);
        }
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new GraphException(name, "groups " + groups + " must divide in channels " + inChannels
                    + " and out channels " + outChannels);
        }
    }

    /** Square kernel, stride and padding, no dilation, no groups. */
    public static Conv2d square(String name, String input, int in, int out, int k, int s, int p, boolean bias) {
        return new Conv2d(name, input, in, out, Dims2.square(k), Dims2.square(s), Dims2.square(p), Dims2.square(1),
                1, bias);
    }

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "conv2d";
    }

    /** Input channels seen by each output channel. */
    public int inChannelsPerGroup() {
        return inChannels / groups;
    }

    public int outChannelsPerGroup() {
        return outChannels / groups;
    }

    /** Weight tensor shape OIHW. */
    public Shape weightShape() {
        return Shape.of(outChannels, inChannelsPerGroup(), kernel.h(), kernel.w());
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Layer.single4d(this, inputShapes);
        if (in.channels() != inChannels) {
            throw new GraphException(name, "expected " + inChannels + " input channels, got " + in.channels()
                    + " (input shape " + in + ")");
        }
        int ho = WindowArithmetic.outputExtent(in.height(), kernel.h(), stride.h(), padding.h(), dilation.h(), false);
        int wo = WindowArithmetic.outputExtent(in.width(), kernel.w(), stride.w(), padding.w(), dilation.w(), false);
        if (ho <= 0 || wo <= 0) {
            throw new GraphException(name, "kernel " + kernel + " (dilation " + dilation + ", padding " + padding
                    + ") does not fit input " + in.height() + "x" + in.width());
        }
        return Shape.nchw(in.batch(), outChannels, ho, wo);
    }

    @Override
    public long params() {
        return (long) outChannels * inChannelsPerGroup() * kernel.h() * kernel.w() + (bias ? outChannels : 0);
    }

    @Override
    public long macs(List<Shape> inputShapes, Shape out) {
        return out.elements() * inChannelsPerGroup() * kernel.h() * kernel.w();
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Conv2d(name, Layer.onlyInput(name, inputs), inChannels, outChannels, kernel, stride, padding,
                dilation, groups, bias);
    }
}
