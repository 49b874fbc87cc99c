package org.sasim.workloads.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Network;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.Quantization;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.Provenance;
import org.sasim.reports.run.SimulatedRun;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.memory.IfmapCountMemo;
import org.sasim.simulator.network.NetworkResult;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.workloads.cli.SasimVersion;
import org.sasim.workloads.cli.UserError;
import org.sasim.workloads.input.Position;
import org.sasim.workloads.spec.InputSource;
import org.sasim.workloads.spec.SimulationOptions;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.WeightSource;
import org.sasim.workloads.spec.Workload;

/**
 * One point of a workload on the {@link NetworkSimulator}: timing only, or with tensors on the simulated datapath
 * (fp32, bf16 or int8), and its report view with provenance.
 */
public final class PointSimulation {
    private final Workload workload;
    private final SweepPoint point;
    private final SimulationOptions options;
    private final org.sasim.simulator.network.SimulationOptions simulatorOptions;
    private final NetworkSimulator simulator;

    /**
     * @param engineThreads worker threads of the fast engine inside one layer (results do not depend on it)
     */
    public PointSimulation(Workload workload, SweepPoint point, SimulationOptions options, int engineThreads) {
        this.workload = workload;
        this.point = point;
        this.options = options;
        TimingConvention convention = options.convention() == SimulationOptions.Convention.SCALESIM
                ? TimingConvention.scaleSim() : TimingConvention.sasim();
        Engine engine = options.engine() == SimulationOptions.Engine.CYCLE ? Engine.CYCLE : Engine.FAST;
        this.simulatorOptions = new org.sasim.simulator.network.SimulationOptions(convention, engine, engineThreads,
                false, options.foldBatchNorm(), options.weightGranularity());
        this.simulator = new NetworkSimulator(point.accelerator(), simulatorOptions);
    }

    /** The point's network. */
    public Network network() {
        return point.model().network();
    }

    /** The point's accelerator. */
    public Accelerator accelerator() {
        return point.accelerator();
    }

    /**
     * Cycles, stalls and traffic of every layer, no tensors.
     *
     * @throws UserError at the {@code accelerator} section when the accelerator cannot run the network (e.g.
     *                   scratchpads too small for any tiling)
     */
    public NetworkResult timing() {
        try {
            return simulator.timing(network());
        } catch (IllegalArgumentException e) {
            throw cannotRun(e);
        }
    }

    /**
     * Cycles, stalls and traffic of every layer at several points of one workload that differ only in DRAM
     * bandwidth (same model settings, accelerators equal but for bandwidth and name): element i equals
     * {@code points.get(i).timing()}, computed with each layer's candidate tilings cut once for all the points
     * ({@link NetworkSimulator#timingAcrossBandwidths}).
     *
     * @throws UserError as the first point's {@link #timing()} when the accelerators cannot run the network (this
     *                   does not depend on the bandwidth)
     * @throws IllegalArgumentException when the points differ in more than DRAM bandwidth or options
     */
    public static List<NetworkResult> timingAcrossBandwidths(List<PointSimulation> points) {
        return timingAcrossBandwidths(points, new IfmapCountMemo());
    }

    /**
     * As {@link #timingAcrossBandwidths(List)}, counting IFMAP blocks through {@code memo} (kept from one call to
     * the next on one thread: same results, fewer recounts).
     */
    public static List<NetworkResult> timingAcrossBandwidths(List<PointSimulation> points, IfmapCountMemo memo) {
        PointSimulation first = points.get(0);
        List<Accelerator> accelerators = new ArrayList<>();
        for (PointSimulation p : points) {
            if (p.workload != first.workload || !p.simulatorOptions.equals(first.simulatorOptions)
                    || !p.point.modelSettings().equals(first.point.modelSettings())
                    || !NetworkSimulator.withoutDramBandwidth(p.accelerator())
                            .equals(NetworkSimulator.withoutDramBandwidth(first.accelerator()))) {
                throw new IllegalArgumentException("sweep points " + first.point.index() + " and "
                        + p.point.index() + " differ in more than DRAM bandwidth");
            }
            accelerators.add(p.accelerator());
        }
        try {
            return NetworkSimulator.timingAcrossBandwidths(first.network(), accelerators, first.simulatorOptions,
                    memo);
        } catch (IllegalArgumentException e) {
            throw first.cannotRun(e);
        }
    }

    /**
     * Runs with tensors, handing each layer's output to {@code observer} as it is computed. On an int8 accelerator
     * the simulator calibrates the scales on the input and runs the int8 network; the observer then sees dequantized
     * outputs (use {@link #int8Program} and {@link #runInt8} for the int8 values).
     *
     * @throws UserError at {@code model.input} when the input does not fit the network, at the {@code accelerator}
     *                   section when the accelerator cannot run the network, at {@code model} when an int8
     *                   accelerator meets a network without an int8 form
     */
    public NetworkResult run(ModelTensors tensors, BiConsumer<String, FloatTensor> observer) {
        checkInput(tensors);
        try {
            return simulator.run(network(), tensors.weights(), tensors.input(), observer);
        } catch (GraphException e) {
            throw accelerator().datatype() == Datatype.INT8 ? noInt8Form(e) : cannotRun(e);
        } catch (IllegalArgumentException e) {
            throw cannotRun(e);
        }
    }

    /**
     * The int8 network of this point (docs/quantization.md): scales calibrated with one fp32 reference pass over the
     * point's input, weights quantized at the workload's {@code simulation.weight_granularity}; the same program
     * {@link NetworkSimulator#run} would build.
     *
     * @throws UserError at {@code model.input} when the input does not fit the network, at {@code model.layers} (or
     *                   the {@code model} section) when the network has no int8 form (e.g. a batch norm that
     *                   follows no conv)
     */
    public Int8Network int8Program(ModelTensors tensors) {
        checkInput(tensors);
        try {
            Quantization q = ReferenceEngine.calibrate(network(), tensors.weights(), tensors.input(),
                    options.weightGranularity());
            return Int8Network.of(network(), tensors.weights(), q);
        } catch (GraphException | IllegalArgumentException e) {
            throw noInt8Form(e);
        }
    }

    /** A network without an int8 form, pointed at its layer list when the workload has one. */
    private UserError noInt8Form(RuntimeException e) {
        String field = point.origin("model.layers", null) != null ? "model.layers" : "model";
        return new UserError(origin(field) + ": " + field + ": " + network().name() + " has no int8 form: "
                + e.getMessage());
    }

    /**
     * Runs {@code program} on the datapath from the point's input, handing each layer's int8 output to
     * {@code observer} as it is computed.
     *
     * @throws UserError at {@code accelerator.datatype} when the accelerator is not int8, at the {@code accelerator}
     *                   section when it cannot run the network
     */
    public NetworkResult runInt8(Int8Network program, ModelTensors tensors, BiConsumer<String, ByteTensor> observer) {
        checkInput(tensors);
        if (accelerator().datatype() != Datatype.INT8) {
            throw new UserError(origin("accelerator.datatype") + ": accelerator.datatype: int8 runs need an int8 "
                    + "accelerator (got " + accelerator().datatype() + ")");
        }
        try {
            return simulator.runInt8(program, tensors.input(), observer);
        } catch (IllegalArgumentException e) {
            throw cannotRun(e);
        }
    }

    private void checkInput(ModelTensors tensors) {
        if (!tensors.input().shape().equals(network().inputShape())) {
            throw new UserError(origin("model.input") + ": model.input: input of shape " + tensors.input().shape()
                    + ", the network takes " + network().inputShape());
        }
    }

    private UserError cannotRun(RuntimeException e) {
        String at = point.settings().isEmpty() ? "" : " (sweep point " + point.index() + ": "
                + point.settings().entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
                        .collect(Collectors.joining(", ")) + ")";
        return new UserError(origin("accelerator") + ": accelerator: cannot run " + network().name() + ": "
                + e.getMessage() + at);
    }

    /** The report view of a result of this point. */
    public NetworkRun report(NetworkResult result) {
        return SimulatedRun.of(network(), accelerator(), result, provenance());
    }

    /** Version, workload hash and file, seed, and the settings that decide the numbers. */
    public Provenance provenance() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("convention", lower(options.convention()));
        s.put("engine", lower(options.engine()));
        s.put("tensors", Boolean.toString(options.tensors()));
        s.put("fold_batch_norm", Boolean.toString(options.foldBatchNorm()));
        s.put("weight_granularity", lower(options.weightGranularity()));
        s.put("weights", point.model().weights() instanceof WeightSource.Seeded w ? "seeded " + w.seed()
                : "npy_dir " + ((WeightSource.NpyDirectory) point.model().weights()).dir().getFileName());
        s.put("input", point.model().input() instanceof InputSource.Seeded i ? "seeded " + i.seed()
                : "npy " + ((InputSource.NpyFile) point.model().input()).file().getFileName());
        point.settings().forEach(s::put);
        return new Provenance(SasimVersion.version(), workload.sha256(), options.seed(),
                workload.file().toString(), s);
    }

    /** Where a field of this point was decided, for error messages (the file's start when not recorded). */
    public Position origin(String field) {
        return point.origin(field, new Position(workload.file().toString(), 1, 1));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
