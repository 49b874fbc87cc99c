package org.sasim.workloads.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.NetworkTotals;
import org.sasim.reports.run.Provenance;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.network.NetworkResult;

/**
 * The few lines {@code sasim run} prints: network totals (the same numbers as {@code summary.json}) and, with
 * tensors, the output's checksum and top-5 classes of the first sample (int8: of the int8 output).
 */
public final class RunSummary {
    private RunSummary() {
    }

    /**
     * The summary text, lines ending in {@code \n}. An int8 run shows the checksum of its int8 output and the top-5
     * of its dequantized values ({@code q * scale}).
     */
    public static String of(NetworkRun run, NetworkResult result) {
        Optional<FloatTensor> output = result.output();
        NetworkTotals t = run.totals();
        Accelerator a = run.accelerator();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s %s on %s (%dx%d %s, %s, %s GHz)%n", run.model(), run.inputShape(),
                a.name(), a.array().rows(), a.array().cols(), a.array().dataflow().shortName(), a.datatype(),
                a.clockGHz()));
        sb.append(String.format(Locale.ROOT, "  cycles       %,d total = %.4g ms (compute %,d, stall %,d, vector %,d)%n",
                t.totalCycles(), t.totalCycles() / (a.clockGHz() * 1e6), t.computeCycles(), t.stallCycles(),
                t.vectorCycles()));
        sb.append(String.format(Locale.ROOT, "  utilization  %.2f %% of the array's PE-cycles while it runs (%,d MACs)%n",
                t.utilizationPct(), t.macs()));
        sb.append(String.format(Locale.ROOT, "  DRAM         %,d bytes (read %,d, written %,d)%n", t.dramBytes(),
                t.dramReadBytes(), t.dramWriteBytes()));
        if (output.isPresent()) {
            FloatTensor out = output.get();
            Optional<ByteTensor> q = result.int8Output();
            sb.append("  output       ").append(out.shape());
            if (q.isPresent()) {
                sb.append(" int8, sha256 ").append(checksum(q.get()), 0, 16).append(" (of the int8 values)");
            } else {
                sb.append(", sha256 ").append(checksum(out), 0, 16);
            }
            List<Integer> top = top5(out);
            if (!top.isEmpty()) {
                sb.append(q.isPresent() ? "; top-5 of sample 0 (dequantized):" : "; top-5 of sample 0:");
                for (int c : top) {
                    sb.append(String.format(Locale.ROOT, " %d (%.4g)", c, out.data()[c]));
                }
            }
            sb.append('\n');
        } else {
            sb.append("  output       none (timing only)\n");
        }
        return sb.toString();
    }

    /** SHA-256 (hex) of the tensor's float32 values, little-endian as in {@code .npy}. */
    public static String checksum(FloatTensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.data());
        return Provenance.sha256(b.array());
    }

    /** SHA-256 (hex) of the tensor's int8 values, one byte each as in {@code .npy}. */
    public static String checksum(ByteTensor t) {
        return Provenance.sha256(t.data());
    }

    /**
     * Indices of the five largest values of sample 0 (highest first, ties to the lower index), for an output of
     * shape N x classes; empty for other shapes.
     */
    static List<Integer> top5(FloatTensor t) {
        if (t.shape().rank() != 2) {
            return List.of();
        }
        int classes = t.shape().dim(1);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            idx.add(i);
        }
        float[] d = t.data();
        idx.sort(Comparator.comparingDouble((Integer i) -> -d[i]).thenComparingInt(i -> i));
        return idx.subList(0, Math.min(5, classes));
    }
}
