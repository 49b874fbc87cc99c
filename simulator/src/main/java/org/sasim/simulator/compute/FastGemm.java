package org.sasim.simulator.compute;

import java.util.function.Function;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.tensor.Tensor;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;
import org.sasim.simulator.mapping.Im2colMapping;

/**
 * The fast engine's arithmetic: register-tiled GEMM kernels ({@link TileKernel}: the Vector API one when the JVM has
 * {@code jdk.incubator.vector}, else a scalar one with the same bits) that accumulate in exactly the order the PEs
 * do, so the output bits equal the cycle-stepped engine's. os: each output is {@code ((0 + a0*b0) + a1*b1) + ...}
 * over k ascending. ws/is: K is cut into row folds of R; within a fold the partial sum is {@code 0 + a*b + ...} over
 * k ascending, and the output is {@code ((0 + psum0) + psum1) + ...} in row-fold order. int8: int8 x int8 products
 * summed exactly in int32 with wrap-around. Each output is computed by exactly one task, so results do not depend
 * on the thread count. Conv layers are computed straight from their NCHW input (im2col packed a cache-sized block at
 * a time) into their NCHW output.
 */
public final class FastGemm {
    /** Linear layers with fewer input rows than this keep their weights in place (see {@link #layer}). */
    private static final int SMALL_BATCH = 16;

    private final int threads;
    private final GemmWorkers workers;
    private final TileKernel kernel;

    /** A kernel running on {@code threads} threads (1 = the caller's), started and stopped on each call. */
    public FastGemm(int threads) {
        this(threads, null, TileKernel.best());
    }

    /** A kernel running on shared worker threads (the caller closes them). */
    public FastGemm(GemmWorkers workers) {
        this(workers.threads(), workers, TileKernel.best());
    }

    FastGemm(int threads, GemmWorkers workers, TileKernel kernel) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
        this.workers = workers;
        this.kernel = kernel;
    }

    /** Whether the Vector API kernel is in use (false: the scalar fallback). */
    public boolean vectorized() {
        return kernel instanceof VectorTileKernel;
    }

    /** Output words {@code [g][m][n]} of {@code op} on {@code array}, before bias. */
    public int[] multiply(GemmOperands op, ArraySpec array) {
        Gemm g = op.gemm();
        boolean ints = op.datatype() == Datatype.INT8;
        LaneOperand b = new LaneOperand.RowMajor(floats(op.b(), ints), g.k(), g.n());
        PackedGemm pg = new PackedGemm(g.groups(), 1, g.m(), g.n(), g.k(), floats(op.a(), ints), b, g.m() * g.n(),
                0, g.n(), 1, op.outputWords());
        if (ints) {
            return compute(w -> pg.ints(w, kernel));
        }
        float[] out = compute(w -> pg.floats(w, kernel, chunk(array, g)));
        int[] words = new int[out.length];
        for (int i = 0; i < words.length; i++) {
            words[i] = Float.floatToRawIntBits(out[i]);
        }
        return words;
    }

    /**
     * The output of a conv or linear node, bias included (fp32 add for fp32/bf16, int32 for int8), in the node's
     * output layout (NCHW, or N x features). Inputs as for {@link SystolicArray#run}.
     */
    public Tensor layer(Node node, Tensor input, Tensor weight, Tensor bias, ArraySpec array, Datatype d) {
        Gemm g = Im2colMapping.gemmOf(node).orElseThrow(() -> new IllegalArgumentException("layer '" + node.name()
                + "' (" + node.layer().kind() + ") does not run on the systolic array"));
        Shape inShape = node.inputShapes().get(0);
        LayerOperands.checkInput(node, input);
        Shape out = node.outputShape();
        // the product as a function of the workers: int32 words for int8, fp32 otherwise
        Function<GemmWorkers, int[]> intProduct;
        Function<GemmWorkers, float[]> floatProduct;
        if (node.layer() instanceof Linear l && g.m() < SMALL_BATCH) {
            // few rows of x: a matrix-vector product reading the weights in place, once
            LayerOperands.checkShape(node, weight, l.weightShape());
            MatrixVectorProduct mv = new MatrixVectorProduct(g.m(), g.n(), g.k());
            intProduct = wk -> mv.ints(bytes(input, node.name() + " input"), bytes(weight, node.name() + " weight"),
                    kernel, wk);
            floatProduct = wk -> mv.floats(values(input, d, node.name() + " input"),
                    rawValues(weight, d, node.name() + " weight"), d == Datatype.BF16, chunk(array, g), wk);
        } else {
            PackedGemm pg = packed(node, g, inShape, out, input, weight, d);
            intProduct = wk -> pg.ints(wk, kernel);
            floatProduct = wk -> pg.floats(wk, kernel, chunk(array, g));
        }
        int channels = out.dim(1);
        int inner = (int) (out.elements() / out.batch() / channels);
        SystolicArray.checkBias(node, bias, d, channels);
        if (d == Datatype.INT8) {
            int[] words = compute(intProduct);
            if (bias != null) {
                int[] bv = ((IntTensor) bias).data();
                compute(wk -> {
                    wk.forEachRange(words.length / inner, (from, to) -> {
                        for (int plane = from; plane < to; plane++) {
                            int add = bv[plane % channels];
                            for (int i = plane * inner; i < (plane + 1) * inner; i++) {
                                words[i] += add;
                            }
                        }
                    });
                    return words;
                });
            }
            return new IntTensor(out, words);
        }
        float[] f = compute(floatProduct);
        if (bias != null) {
            float[] bv = bias.toFloat().data();
            // one plane of outputs per task: each output gets its bias by one thread, as on one thread
            compute(wk -> {
                wk.forEachRange(f.length / inner, (from, to) -> {
                    for (int plane = from; plane < to; plane++) {
                        float add = bv[plane % channels];
                        for (int i = plane * inner; i < (plane + 1) * inner; i++) {
                            f[i] = f[i] + add;
                        }
                    }
                });
                return f;
            });
        }
        return new FloatTensor(out, f);
    }

    /** The layer as a register-tiled product: a conv's im2col on the lanes, or a linear layer's many input rows. */
    private PackedGemm packed(Node node, Gemm g, Shape inShape, Shape out, Tensor input, Tensor weight, Datatype d) {
        boolean ints = d == Datatype.INT8;
        float[] x = values(input, d, node.name() + " input");
        int words = Math.toIntExact(out.elements());
        if (node.layer() instanceof Conv2d c) {
            LayerOperands.checkShape(node, weight, c.weightShape());
            int hw = out.height() * out.width();
            LaneOperand.Im2col cols = new LaneOperand.Im2col(x, inShape.channels(), c.inChannelsPerGroup(),
                    inShape.height(), inShape.width(), out.height(), out.width(), c.kernel().h(), c.kernel().w(),
                    c.stride().h(), c.stride().w(), c.padding().h(), c.padding().w(), c.dilation().h(),
                    c.dilation().w());
            // int8 weights as floats once per layer (at most a few MB): the tiles then read them as fp32 ones
            float[] u = ints ? values(weight, d, node.name() + " weight")
                    : rawValues(weight, d, node.name() + " weight");
            PackedGemm pg = new PackedGemm(g.groups(), inShape.batch(), g.n(), hw, g.k(), u, cols, g.n() * hw,
                    out.channels() * hw, hw, 1, words);
            return ints ? pg : rowsOf(pg, d);
        }
        Linear l = (Linear) node.layer();
        LayerOperands.checkShape(node, weight, l.weightShape());
        LaneOperand wt = new LaneOperand.Transposed(values(weight, d, node.name() + " weight"), g.n(), g.k());
        return new PackedGemm(1, 1, g.m(), g.n(), g.k(), x, wt, 0, 0, g.n(), 1, words);
    }

    /** K per partial sum: all of K for os, the array's rows (one row fold) for ws and is. */
    private static int chunk(ArraySpec array, Gemm g) {
        return array.dataflow() == Dataflow.OUTPUT_STATIONARY ? g.k() : array.rows();
    }

    private <T> T compute(Function<GemmWorkers, T> body) {
        if (workers != null) {
            return body.apply(workers);
        }
        try (GemmWorkers own = new GemmWorkers(threads)) {
            return body.apply(own);
        }
    }

    /** int8 values as floats (exact), converted in ranges over the workers. */
    private static float[] widened(byte[] src, TileKernel kernel, GemmWorkers workers) {
        float[] f = new float[src.length];
        workers.forEachRange(src.length, (from, to) -> kernel.widen(src, f, from, to));
        return f;
    }

    /** An int8 tensor's values, in place. */
    private static byte[] bytes(Tensor t, String what) {
        if (!(t instanceof ByteTensor bt)) {
            throw new IllegalArgumentException(what + ": int8 datapath needs an int8 tensor, got " + t.dtype());
        }
        return bt.data();
    }

    private static float[] floats(int[] words, boolean ints) {
        float[] f = new float[words.length];
        for (int i = 0; i < f.length; i++) {
            int w = words[i];
            if (ints && (w < Byte.MIN_VALUE || w > Byte.MAX_VALUE)) {
                throw new IllegalArgumentException("int8 operand word " + i + " is " + w + ", outside -128..127");
            }
            f[i] = ints ? w : Float.intBitsToFloat(w);
        }
        return f;
    }

    /** bf16 products round the rows of u (the weights) block by block; fp32 ones take them as they are. */
    private static PackedGemm rowsOf(PackedGemm pg, Datatype d) {
        return d == Datatype.BF16 ? pg.withBf16Rows() : pg;
    }

    /** A float tensor's values unrounded (bf16 rounding left to {@link #rowsOf}). */
    private static float[] rawValues(Tensor t, Datatype d, String what) {
        if (!(t instanceof FloatTensor ft)) {
            throw new IllegalArgumentException(what + ": " + d + " datapath needs a float32 tensor, got " + t.dtype());
        }
        return ft.data();
    }

    /**
     * A tensor's values as the datapath sees them: fp32 as is, bf16 rounded, int8 as small integers (widened on the
     * kernel's lanes).
     */
    private float[] values(Tensor t, Datatype d, String what) {
        if (d == Datatype.INT8) {
            byte[] src = bytes(t, what);
            return compute(w -> widened(src, kernel, w));
        }
        if (!(t instanceof FloatTensor ft)) {
            throw new IllegalArgumentException(what + ": " + d + " datapath needs a float32 tensor, got " + t.dtype());
        }
        if (d == Datatype.FP32) {
            return ft.data();
        }
        float[] src = ft.data();
        float[] f = new float[src.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.intBitsToFloat(GemmOperands.roundToBf16Bits(src[i]));
        }
        return f;
    }
}
