package org.sasim.simulator.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.sasim.models.graph.Node;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.FoldTiming;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Im2colMapping;
import org.sasim.simulator.memory.FoldCycles;
import org.sasim.simulator.memory.IfmapFootprint;
import org.sasim.simulator.memory.MemorySystem;
import org.sasim.simulator.memory.MemoryWorkload;

/**
 * The per-fold timing code on ResNet-50's 3x3 conv layer2.0.conv2 (224x224 input, batch 1): the closed-form layer
 * cycles, a walk over every fold's timing, the per-fold charges the memory model uses, and the memory hierarchy's
 * tiling search and tile timeline for the whole layer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FoldTimingBenchmark {
    @Param({"32", "128"})
    public int side;

    @Param({"os", "ws", "is"})
    public String dataflow;

    @Param({"scalesim", "sasim"})
    public String convention;

    private ArrayMapping mapping;
    private TimingConvention tc;
    private MemoryWorkload workload;
    private MemorySystem memory;

    @Setup
    public void prepare() {
        List<Node> nodes = ModelZoo.build("resnet50", 1, 224, 224).nodes();
        Node conv = nodes.stream().filter(n -> n.name().equals("layer2.0.conv2")).findFirst().orElseThrow();
        ArraySpec array = new ArraySpec(side, side, Dataflow.parse(dataflow));
        mapping = ArrayMapping.of(Im2colMapping.gemmOf(conv).orElseThrow(), array);
        tc = convention.equals("sasim") ? TimingConvention.sasim() : TimingConvention.scaleSim();
        Accelerator acc = Accelerator.scaleSim(side, side, array.dataflow());
        workload = new MemoryWorkload(mapping, IfmapFootprint.of(conv), acc.datatype(),
                FoldCycles.of(new FoldSchedule(mapping, tc)));
        memory = new MemorySystem(acc.memory());
    }

    @Benchmark
    public long layerCycles() {
        return new FoldSchedule(mapping, tc).cycles();
    }

    @Benchmark
    public void everyFold(Blackhole bh) {
        for (FoldTiming f : new FoldSchedule(mapping, tc)) {
            bh.consume(f.endCycle());
        }
    }

    @Benchmark
    public FoldCycles perFoldCharges() {
        return FoldCycles.of(new FoldSchedule(mapping, tc));
    }

    @Benchmark
    public long memoryHierarchyLayer() {
        return memory.simulate(workload).totalCycles();
    }
}
