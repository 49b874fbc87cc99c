package org.sasim.workloads.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.ScaleSimLayer;
import org.sasim.workloads.input.Problems;
import org.sasim.workloads.input.SourceText;
import org.sasim.workloads.output.Progress;
import org.sasim.workloads.output.ReportDirectory;
import org.sasim.workloads.scalesim.ScaleSimConfig;
import org.sasim.workloads.scalesim.ScaleSimConfigParser;
import org.sasim.workloads.scalesim.ScaleSimLayerReport;
import org.sasim.workloads.scalesim.ScaleSimReports;
import org.sasim.workloads.scalesim.ScaleSimRun;
import org.sasim.workloads.scalesim.ScaleSimTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sasim scalesim}: SCALE-Sim v2 inputs in, SCALE-Sim v2 reports out. */
@Command(name = "scalesim", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = {"Runs a SCALE-Sim v2 config and topology and writes COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv "
                + "and DETAILED_ACCESS_REPORT.csv with SCALE-Sim's headers.",
            "In the scalesim convention (the default) cycles, utilizations and SRAM counts equal SCALE-Sim's; DRAM "
                + "columns and start/stop cycles are sasim's own (see docs/workload-schema.md)."})
public final class ScaleSimCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG.cfg",
            description = "SCALE-Sim config (INI)")
    Path config;

    @Option(names = {"-t", "--topology"}, required = true, paramLabel = "TOPOLOGY.csv",
            description = "SCALE-Sim topology CSV")
    Path topology;

    @Option(names = "--gemm", description = "the topology lists GEMMs: Layer, M, N, K")
    boolean gemm;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "output directory (default: ./<run_name>); an earlier report there is never overwritten: "
                    + "the new one goes to DIR/run-N")
    Path output;

    @Option(names = "--convention", paramLabel = "scalesim|sasim", defaultValue = "scalesim",
            description = "timing convention (default: ${DEFAULT-VALUE})")
    String convention;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        Problems problems = new Problems();
        TimingConvention tc = switch (convention) {
            case "scalesim" -> TimingConvention.scaleSim();
            case "sasim" -> TimingConvention.sasim();
            default -> {
                problems.add(new org.sasim.workloads.input.Position("--convention", 1, 1), "",
                        "expected scalesim or sasim", convention);
                yield null;
            }
        };
        SourceText cfgText = SourceText.read(config, config.toString(), "", problems);
        SourceText topoText = SourceText.read(topology, topology.toString(), "", problems);
        ScaleSimConfig cfg = cfgText == null ? null : ScaleSimConfigParser.parse(cfgText, problems);
        List<ScaleSimLayer> layers = topoText == null ? null : ScaleSimTopology.parse(topoText, gemm, problems);
        if (cfg != null && cfg.interfaceBandwidth() == ScaleSimConfig.InterfaceBandwidth.USER) {
            problems.add(new org.sasim.workloads.input.Position(config.toString(), 1, 1),
                    "run_presets.InterfaceBandwidth", "USER mode (stalls from a finite bandwidth) is not "
                            + "reproduced by sasim scalesim; use CALC", "USER");
        }
        problems.throwIfAny();
        List<ScaleSimLayerReport> rows;
        try (Progress p = Progress.start("scalesim", layers.size(), quiet)) {
            rows = ScaleSimRun.run(cfg, layers, tc, p::step);
        }
        Path dir = output != null ? output : Path.of(cfg.runName());
        Path written = new ReportDirectory(dir).publish(ScaleSimReports.files(rows));
        long total = rows.stream().mapToLong(ScaleSimLayerReport::totalCycles).sum();
        var out = spec.commandLine().getOut();
        out.printf("%d layers, %d cycles in total (%s convention, %dx%d %s)%n", rows.size(), total, tc.name(),
                cfg.arrayHeight(), cfg.arrayWidth(), cfg.dataflow());
        out.println("wrote " + written.resolve("COMPUTE_REPORT.csv") + ", BANDWIDTH_REPORT.csv, "
                + "DETAILED_ACCESS_REPORT.csv");
        out.flush();
        return SasimCommand.OK;
    }
}
