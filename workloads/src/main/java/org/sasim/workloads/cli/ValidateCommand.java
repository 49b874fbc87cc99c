package org.sasim.workloads.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.workloads.spec.InputSource;
import org.sasim.workloads.spec.ModelSpec;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.WeightSource;
import org.sasim.workloads.spec.Workload;
import org.sasim.workloads.spec.WorkloadLoader;
import org.sasim.workloads.spec.ZooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sasim validate W.yaml}: loads a workload, reports every problem, prints what it resolved to. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = "Checks a workload YAML file and prints the resolved model, accelerator, simulation options "
                + "and sweep. Exit code 2 with one FILE:LINE:COLUMN message per problem when it is not usable.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "W.yaml", description = "workload file")
    Path workload;

    @Override
    public Integer call() {
        Workload w = new WorkloadLoader(new ZooCatalog()).load(workload);
        var out = spec.commandLine().getOut();
        out.print(summary(w));
        out.flush();
        return SasimCommand.OK;
    }

    /** A readable description of a loaded workload. */
    static String summary(Workload w) {
        StringBuilder sb = new StringBuilder();
        sb.append("workload ").append(w.name()).append(" (").append(w.file()).append(", sha256 ")
                .append(w.sha256(), 0, 12).append(")\n");
        sb.append("  model:       ").append(model(w.model())).append('\n');
        sb.append("  accelerator: ").append(accelerator(w.accelerator())).append('\n');
        var s = w.simulation();
        sb.append("  simulation:  convention ").append(lower(s.convention())).append(", engine ")
                .append(lower(s.engine())).append(", verify ").append(s.verify()).append(", threads ")
                .append(s.threads()).append(", seed ").append(s.seed()).append(", tensors ").append(s.tensors())
                .append('\n');
        sb.append("  output:      ").append(w.output().dir() == null ? "(command default)" : w.output().dir())
                .append(", formats ").append(w.output().formats().stream().map(ValidateCommand::lower).sorted()
                        .collect(Collectors.joining(", "))).append('\n');
        if (w.isSweep()) {
            sb.append("  sweep:       ").append(w.points().size()).append(" points over ")
                    .append(String.join(", ", w.sweepFields())).append('\n');
            for (SweepPoint p : w.points()) {
                sb.append(String.format("    %4d  ", p.index())).append(p.settings().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("  ")))
                        .append('\n');
            }
        }
        sb.append("ok\n");
        return sb.toString();
    }

    private static String model(ModelSpec m) {
        var n = m.network();
        String weights = m.weights() instanceof WeightSource.Seeded s ? "seeded " + s.seed()
                : ".npy from " + ((WeightSource.NpyDirectory) m.weights()).dir();
        String input = m.input() instanceof InputSource.Seeded s ? "seeded " + s.seed()
                : ".npy " + ((InputSource.NpyFile) m.input()).file();
        return String.format(Locale.ROOT, "%s%s, input %s -> output %s, %d layers, %,d params, %,d MACs; weights %s;"
                        + " input %s", n.name(), m.zooName() != null ? " (zoo)" : " (layer list)", n.inputShape(),
                n.outputShape(), n.nodes().size(), n.params(), n.macs(), weights, input);
    }

    private static String accelerator(Accelerator a) {
        var m = a.memory();
        return String.format(Locale.ROOT, "%s: %dx%d %s, %s, %s GHz, SRAM ifmap %s / filter %s / ofmap %s, DRAM %s "
                        + "bytes/cycle, latency %d cycles, %d vector lanes", a.name(), a.array().rows(),
                a.array().cols(), a.array().dataflow(), a.datatype(), a.clockGHz(), size(m.ifmapSramBytes()),
                size(m.filterSramBytes()), size(m.ofmapSramBytes()),
                Double.isInfinite(m.dramBytesPerCycle()) ? "unlimited"
                        : String.format(Locale.ROOT, "%.4g", m.dramBytesPerCycle()),
                m.dramLatencyCycles(), a.vector().lanes());
    }

    private static String size(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + " KiB";
        }
        return bytes + " B";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
