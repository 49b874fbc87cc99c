package org.sasim.simulator.network;

import java.util.List;
import java.util.Optional;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.simulator.memory.DramTraffic;

/**
 * A simulated network: per-layer results in execution order, totals, and the output tensor (empty in timing-only
 * runs). Layers run back to back; every array layer's prologue and epilogue are counted in
 * {@link #latencyCycles()} (no cross-layer prefetch is modelled).
 *
 * @param network  network name
 * @param clockGHz clock (GHz)
 * @param layers   per-layer results
 * @param output   the network output (for int8 runs: the int8 output dequantized, {@code (float) (q * scale)})
 * @param int8Output the int8 network output of an int8 run (empty otherwise)
 */
public record NetworkResult(String network, double clockGHz, List<LayerResult> layers, Optional<FloatTensor> output,
                            Optional<ByteTensor> int8Output) {
    public NetworkResult {
        layers = List.copyOf(layers);
    }

    /** A timing-only, fp32 or bf16 result (no int8 output). */
    public NetworkResult(String network, double clockGHz, List<LayerResult> layers, Optional<FloatTensor> output) {
        this(network, clockGHz, layers, output, Optional.empty());
    }

    public long macs() {
        return layers.stream().mapToLong(LayerResult::macs).sum();
    }

    public long computeCycles() {
        return layers.stream().mapToLong(LayerResult::computeCycles).sum();
    }

    public long vectorUnitCycles() {
        return layers.stream().mapToLong(LayerResult::vectorUnitCycles).sum();
    }

    public long stallCycles() {
        return layers.stream().mapToLong(LayerResult::stallCycles).sum();
    }

    /** Sum of layer totals (compute + vector + stall). */
    public long totalCycles() {
        return layers.stream().mapToLong(LayerResult::totalCycles).sum();
    }

    /** Total cycles plus every array layer's prologue and epilogue. */
    public long latencyCycles() {
        return totalCycles() + layers.stream().mapToLong(l -> l.prologueCycles() + l.epilogueCycles()).sum();
    }

    public DramTraffic dram() {
        DramTraffic t = DramTraffic.NONE;
        for (LayerResult l : layers) {
            t = t.plus(l.dram());
        }
        return t;
    }

    /** DRAM bytes per latency cycle. */
    public double averageDramBytesPerCycle() {
        long c = latencyCycles();
        return c == 0 ? 0 : (double) dram().totalBytes() / c;
    }

    public double averageDramGBps() {
        return averageDramBytesPerCycle() * clockGHz;
    }

    /** Highest per-layer peak (bytes/cycle). */
    public double peakDramBytesPerCycle() {
        return layers.stream().mapToDouble(LayerResult::peakDramBytesPerCycle).max().orElse(0);
    }

    /** MACs per DRAM byte over the network. */
    public double arithmeticIntensityMacsPerByte() {
        long b = dram().totalBytes();
        return b == 0 ? 0 : (double) macs() / b;
    }

    /** Bandwidth at which no layer stalls: the largest per-layer stall-free bandwidth (bytes/cycle). */
    public double stallFreeBytesPerCycle() {
        return layers.stream().mapToDouble(LayerResult::stallFreeBytesPerCycle).max().orElse(0);
    }
}
