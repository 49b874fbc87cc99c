package org.sasim.models.graph;

/**
 * Receptive field of one output pixel on the network input, and the jump (distance in input pixels between
 * adjacent outputs), per spatial dimension: RF_l = RF_{l-1} + (k_eff - 1) * jump_{l-1}, jump_l = jump_{l-1} * s,
 * with k_eff = d(k-1)+1. Where branches meet, the larger field wins.
 */
public record ReceptiveField(int sizeH, int sizeW, int jumpH, int jumpW) {
    /** The network input: each pixel sees itself. */
    public static final ReceptiveField INPUT = new ReceptiveField(1, 1, 1, 1);

    /** Field after a window of {@code kernel} (with dilation) and {@code stride}. */
    public ReceptiveField through(Dims2 kernel, Dims2 stride, Dims2 dilation) {
        int effH = dilation.h() * (kernel.h() - 1) + 1;
        int effW = dilation.w() * (kernel.w() - 1) + 1;
        return new ReceptiveField(sizeH + (effH - 1) * jumpH, sizeW + (effW - 1) * jumpW,
                jumpH * stride.h(), jumpW * stride.w());
    }

    /** Larger of two fields (for merging branches). */
    public ReceptiveField max(ReceptiveField o) {
        return new ReceptiveField(Math.max(sizeH, o.sizeH), Math.max(sizeW, o.sizeW), Math.max(jumpH, o.jumpH),
                Math.max(jumpW, o.jumpW));
    }
}
