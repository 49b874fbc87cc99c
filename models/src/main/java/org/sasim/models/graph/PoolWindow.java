package org.sasim.models.graph;

/** Validation and output shape shared by the two windowed pooling layers. */
final class PoolWindow {
    private PoolWindow() {
    }

    static void validate(String name, Dims2 kernel, Dims2 stride, Dims2 padding) {
        if (kernel.h() <= 0 || kernel.w() <= 0) {
            throw new GraphException(name, "kernel must be positive, got " + kernel);
        }
        if (stride.h() <= 0 || stride.w() <= 0) {
            throw new GraphException(name, "stride must be positive, got " + stride);
        }
        // PyTorch's rule: padding may be at most half the kernel.
        if (padding.h() < 0 || padding.w() < 0 || padding.h() > kernel.h() / 2 || padding.w() > kernel.w() / 2) {
            throw new GraphException(name, "padding " + padding + " must be between 0 and half the kernel "
                    + kernel);
        }
    }

    static Shape outputShape(Layer layer, Shape in, Dims2 kernel, Dims2 stride, Dims2 padding, boolean ceil) {
        int ho = WindowArithmetic.outputExtent(in.height(), kernel.h(), stride.h(), padding.h(), 1, ceil);
        int wo = WindowArithmetic.outputExtent(in.width(), kernel.w(), stride.w(), padding.w(), 1, ceil);
        if (ho <= 0 || wo <= 0) {
            throw new GraphException(layer.name(), "window " + kernel + " does not fit input " + in.height() + "x"
                    + in.width());
        }
        return Shape.nchw(in.batch(), in.channels(), ho, wo);
    }
}
