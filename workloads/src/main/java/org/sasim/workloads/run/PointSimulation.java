package org.sasim.workloads.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.Weights;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.Provenance;
import org.sasim.reports.run.SimulatedRun;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;
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
 * One point of a workload on the {@link NetworkSimulator}: timing only, or with tensors on the simulated datapath,
 * and its report view with provenance. Which datatypes take tensor runs is the simulator's to decide: a datatype it
 * refuses (int8 whole networks, for now) becomes an error at the workload's {@code accelerator.datatype}.
 */
public final class PointSimulation {
    private final Workload workload;
    private final SweepPoint point;
    private final SimulationOptions options;
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
        this.simulator = new NetworkSimulator(point.accelerator(),
                new org.sasim.simulator.network.SimulationOptions(convention, engine, engineThreads, false));
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
     * Runs with tensors, handing each layer's output to {@code observer} as it is computed.
     *
     * @param remedy what the user can do when the simulator refuses the datatype, e.g. {@code use datatype fp32}
     * @throws UserError at {@code accelerator.datatype} when the simulator takes no tensor runs of this datatype,
     *                   at the {@code accelerator} section when the accelerator cannot run the network
     */
    public NetworkResult run(ModelTensors tensors, BiConsumer<String, FloatTensor> observer, String remedy) {
        if (!tensors.input().shape().equals(network().inputShape())) {
            throw new UserError(origin("model.input") + ": model.input: input of shape " + tensors.input().shape()
                    + ", the network takes " + network().inputShape());
        }
        String refusal = tensorRefusal();
        if (refusal != null) {
            throw new UserError(origin("accelerator.datatype") + ": accelerator.datatype: " + refusal + "; " + remedy
                    + " (got " + accelerator().datatype() + ")");
        }
        try {
            return simulator.run(network(), tensors.weights(), tensors.input(), observer);
        } catch (IllegalArgumentException e) {
            throw cannotRun(e);
        }
    }

    /**
     * Why the simulator takes no tensor runs on this accelerator's datatype, or null when it does. Asked of the
     * simulator itself with a one-element network, so a datatype it learns to run (int8) is taken without a change
     * here.
     */
    private String tensorRefusal() {
        Network probe = Network.of("probe", Shape.of(1, 1), List.of(new Relu("probe", Layer.NETWORK_INPUT)));
        try {
            simulator.run(probe, Weights.of(probe, Map.of()), new FloatTensor(Shape.of(1, 1), new float[1]));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private UserError cannotRun(IllegalArgumentException e) {
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
