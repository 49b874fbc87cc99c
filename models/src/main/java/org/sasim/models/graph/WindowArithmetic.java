package org.sasim.models.graph;

/** PyTorch's output-size rules for sliding windows (convolution and pooling). */
public final class WindowArithmetic {
    private WindowArithmetic() {
    }

    /**
     * Output extent of a window of {@code kernel} taps with the given stride, symmetric padding and dilation over
     * an input of extent {@code in}: {@code floor((in + 2p - d(k-1) - 1)/s) + 1}, or with {@code ceilMode} the
     * ceiling, dropping a last window that would start in the right padding (PyTorch's rule).
     *
     * @return the output extent; may be zero or negative when the window does not fit
     */
    public static int outputExtent(int in, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        long span = (long) in + 2L * padding - (long) dilation * (kernel - 1) - 1;
        if (span < 0) {
            return 0;
        }
        long out = ceilMode ? Math.floorDiv(span + stride - 1, stride) + 1 : span / stride + 1;
        if (ceilMode && (out - 1) * stride >= (long) in + padding) {
            out--;
        }
        return (int) out;
    }
}
