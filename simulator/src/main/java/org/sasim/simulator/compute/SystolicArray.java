package org.sasim.simulator.compute;

import org.sasim.models.graph.Node;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.tensor.Tensor;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Gemm;
import org.sasim.simulator.mapping.Im2colMapping;

/** Entry points: run a conv or linear layer on the array, with tensors, or timing only. */
public final class SystolicArray {
    private SystolicArray() {
    }

    /** Timing only (cheap: O(folds), no tensors). */
    public static ArrayResult timing(Gemm gemm, ArraySpec array, TimingConvention convention) {
        return ArrayResult.timing(FoldSchedule.of(gemm, array, convention));
    }

    /** Timing only for a conv or linear node. */
    public static ArrayResult timing(Node node, ArraySpec array, TimingConvention convention) {
        return timing(gemmOf(node), array, convention);
    }

    /**
     * Runs a conv or linear node on the array. The fast engine starts and stops {@code threads} worker threads for
     * this call; a simulation running many layers should share one {@link GemmWorkers} through the other overload.
     *
     * @param input   the layer input (FloatTensor for fp32/bf16, ByteTensor for int8)
     * @param weight  OIHW conv or (out, in) linear weights, same element type as the input
     * @param bias    per-output-channel bias added once after accumulation (FloatTensor for fp32/bf16, added in
     *                fp32; IntTensor for int8, added in int32), or null
     * @param threads worker threads for the fast engine (the cycle engine runs on one)
     */
    public static ArrayResult run(Node node, Tensor input, Tensor weight, Tensor bias, ArraySpec array,
                                  Datatype datatype, TimingConvention convention, Engine engine, int threads) {
        if (engine == Engine.CYCLE) {
            return cycleStepped(node, input, weight, bias, array, datatype, convention);
        }
        try (GemmWorkers workers = new GemmWorkers(threads)) {
            return run(node, input, weight, bias, array, datatype, convention, engine, workers);
        }
    }

    /**
     * Runs a conv or linear node on the array, the fast engine on shared worker threads (results do not depend on
     * their number). Parameters as in the other overload.
     */
    public static ArrayResult run(Node node, Tensor input, Tensor weight, Tensor bias, ArraySpec array,
                                  Datatype datatype, TimingConvention convention, Engine engine,
                                  GemmWorkers workers) {
        if (engine == Engine.CYCLE) {
            return cycleStepped(node, input, weight, bias, array, datatype, convention);
        }
        ArrayResult timing = ArrayResult.timing(new FoldSchedule(ArrayMapping.of(gemmOf(node), array), convention));
        return timing.withOutput(new FastGemm(workers).layer(node, input, weight, bias, array, datatype));
    }

    private static ArrayResult cycleStepped(Node node, Tensor input, Tensor weight, Tensor bias, ArraySpec array,
                                            Datatype datatype, TimingConvention convention) {
        GemmOperands op = LayerOperands.of(node, input, weight, datatype);
        Gemm g = op.gemm();
        FoldSchedule schedule = new FoldSchedule(ArrayMapping.of(g, array), convention);
        ArrayResult timing = ArrayResult.timing(schedule);
        CycleRun run = SystolicEngine.of(array.dataflow()).run(op, array, convention);
        if (run.cycles() != schedule.cycles()) {
            throw new IllegalStateException("layer '" + node.name() + "': cycle-stepped engine ran "
                    + run.cycles() + " cycles, closed form says " + schedule.cycles());
        }
        int[] laid = LayerOperands.toOutputLayout(node, g, run.output());
        return timing.withOutput(withBias(node, laid, bias, datatype));
    }

    /** Rejects a bias of the wrong size or element type. */
    static void checkBias(Node node, Tensor bias, Datatype d, int channels) {
        if (bias != null && bias.size() != channels) {
            throw new IllegalArgumentException("layer '" + node.name() + "': bias has " + bias.size()
                    + " elements, expected " + channels);
        }
        if (bias != null && d == Datatype.INT8 && !(bias instanceof IntTensor)) {
            throw new IllegalArgumentException("layer '" + node.name() + "': int8 bias must be int32");
        }
    }

    private static Tensor withBias(Node node, int[] words, Tensor bias, Datatype d) {
        int channels = node.outputShape().dim(1);
        int inner = (int) (node.outputShape().elements() / node.outputShape().batch() / channels);
        checkBias(node, bias, d, channels);
        if (d == Datatype.INT8) {
            if (bias != null) {
                IntTensor ib = (IntTensor) bias;
                for (int i = 0; i < words.length; i++) {
                    words[i] += ib.data()[(i / inner) % channels];
                }
            }
            return new IntTensor(node.outputShape(), words);
        }
        float[] f = new float[words.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.intBitsToFloat(words[i]);
        }
        if (bias != null) {
            float[] bf = bias.toFloat().data();
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i] + bf[(i / inner) % channels];
            }
        }
        return new FloatTensor(node.outputShape(), f);
    }

    private static Gemm gemmOf(Node node) {
        return Im2colMapping.gemmOf(node).orElseThrow(() -> new IllegalArgumentException("layer '" + node.name()
                + "' (" + node.layer().kind() + ") does not run on the systolic array"));
    }
}
