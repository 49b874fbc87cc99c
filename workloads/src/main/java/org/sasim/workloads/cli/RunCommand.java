package org.sasim.workloads.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.reports.ReportWriter;
import org.sasim.reports.run.NetworkRun;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.network.NetworkResult;
import org.sasim.workloads.output.Progress;
import org.sasim.workloads.output.ReportDirectory;
import org.sasim.workloads.run.ActivationDump;
import org.sasim.workloads.run.DatapathCheck;
import org.sasim.workloads.run.Int8DatapathCheck;
import org.sasim.workloads.run.LayerCheck;
import org.sasim.workloads.run.ModelTensors;
import org.sasim.workloads.run.OutputLocation;
import org.sasim.workloads.run.PointSimulation;
import org.sasim.workloads.run.RunSummary;
import org.sasim.workloads.run.Tolerance;
import org.sasim.workloads.spec.OutputSpec;
import org.sasim.workloads.spec.SimulationOptions;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.Workload;
import org.sasim.workloads.spec.WorkloadLoader;
import org.sasim.workloads.spec.ZooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sasim run W.yaml}: simulates one workload and writes its per-layer table and summary. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = {"Simulates a workload: builds the model, runs every layer on the accelerator (with real "
                + "tensors on the simulated datapath unless simulation.tensors is false) and writes DIR/layers.csv "
                + "(one row per layer, a unit in every column name) and DIR/summary.json (network totals and "
                + "provenance; layers.json too with the json format).",
            "With simulation.verify: true every layer is also checked against the reference engine; exit code 1 "
                + "when one differs beyond the tolerance (see `sasim verify`).",
            "An earlier report in DIR is never overwritten: the new one goes to DIR/run-N."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "W.yaml", description = "workload file (without a sweep; see `sasim sweep`)")
    Path workload;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "output directory (default: the workload's output.dir, else ./out/<workload name>)")
    Path output;

    @Option(names = "--dump-activations",
            description = "also write every layer's output as DIR/activations/<layer>.npy (written as computed)")
    boolean dumpActivations;

    @Option(names = "--report", description = "also write DIR/report.html with its charts (DIR/charts/)")
    boolean report;

    @Option(names = "--timing-only",
            description = "cycles, stalls and traffic only, no tensors (overrides simulation.tensors)")
    boolean timingOnly;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    /** What a run produced, for the summary printed after publishing. */
    private record Outcome(NetworkRun run, NetworkResult result, LayerCheck check, int dumped) {
    }

    @Override
    public Integer call() {
        Workload w = new WorkloadLoader(new ZooCatalog()).load(workload);
        SweepPoint point = single(w, "run");
        SimulationOptions sim = timingOnly ? w.simulation().timingOnly() : w.simulation();
        if (dumpActivations && !sim.tensors()) {
            throw new UserError(workload + ": --dump-activations needs tensors, but "
                    + (timingOnly ? "--timing-only is given" : "the workload sets simulation.tensors: false"));
        }
        if (sim.verify() && !sim.tensors()) {
            throw new UserError(workload + ": --timing-only cannot be combined with simulation.verify: true");
        }
        PointSimulation ps = new PointSimulation(w, point, sim, Runtime.getRuntime().availableProcessors());
        Outcome[] outcome = new Outcome[1];
        Path dir = OutputLocation.of(output, w);
        Path written = new ReportDirectory(dir).publish(staging -> {
            NetworkResult result;
            LayerCheck check = null;
            ActivationDump dump = null;
            if (sim.tensors()) {
                ModelTensors t = ModelTensors.of(point, ps.origin("model"));
                List<BiConsumer<String, FloatTensor>> observers = new ArrayList<>();
                if (dumpActivations) {
                    dump = new ActivationDump(staging.resolve("activations"));
                    observers.add(dump);
                }
                try (Progress p = Progress.start("run", ps.network().nodes().size(), quiet)) {
                    if (ps.accelerator().datatype() == Datatype.INT8) {
                        // The int8 values for the check, their dequantized floats for the dump.
                        Int8Network program = ps.int8Program(t);
                        Int8DatapathCheck int8 = sim.verify() ? new Int8DatapathCheck(program, t.input()) : null;
                        check = int8;
                        result = ps.runInt8(program, t, (name, q) -> {
                            if (int8 != null) {
                                int8.accept(name, q);
                            }
                            if (!observers.isEmpty()) {
                                FloatTensor out = program.dequantize(name, q);
                                observers.forEach(o -> o.accept(name, out));
                            }
                            p.step();
                        });
                    } else {
                        if (sim.verify()) {
                            DatapathCheck fp = new DatapathCheck(ps.network(), t.weights(), t.input(),
                                    Tolerance.of(ps.accelerator().datatype(), Tolerance.FP32_RELATIVE));
                            observers.add(fp);
                            check = fp;
                        }
                        result = ps.run(t, (name, out) -> {
                            observers.forEach(o -> o.accept(name, out));
                            p.step();
                        });
                    }
                }
            } else {
                result = ps.timing();
            }
            NetworkRun run = ps.report(result);
            if (w.output().formats().contains(OutputSpec.Format.CSV)) {
                ReportWriter.writeLayersCsv(run, staging);
            }
            if (w.output().formats().contains(OutputSpec.Format.JSON)) {
                ReportWriter.writeLayersJson(run, staging);
            }
            ReportWriter.writeSummary(run, staging);
            if (report) {
                ReportWriter.writeReport(run, staging);
            }
            outcome[0] = new Outcome(run, result, check, dump == null ? 0 : dump.count());
        });
        var out = spec.commandLine().getOut();
        Outcome o = outcome[0];
        out.print(RunSummary.of(o.run(), o.result()));
        if (o.check() != null) {
            out.print(o.check().table());
        }
        List<String> files = new ArrayList<>();
        if (w.output().formats().contains(OutputSpec.Format.CSV)) {
            files.add("layers.csv");
        }
        if (w.output().formats().contains(OutputSpec.Format.JSON)) {
            files.add("layers.json");
        }
        files.add("summary.json");
        if (report) {
            files.add("report.html");
        }
        if (o.dumped() > 0) {
            files.add("activations/ (" + o.dumped() + " .npy)");
        }
        out.println("wrote " + written + ": " + String.join(", ", files));
        out.flush();
        return o.check() != null && !o.check().passed() ? SasimCommand.MISMATCH : SasimCommand.OK;
    }

    /** The workload's only point; a sweep is an error pointing at its {@code sweep} section. */
    static SweepPoint single(Workload w, String command) {
        if (w.isSweep()) {
            SweepPoint p = w.points().get(0);
            throw new UserError(p.origin("sweep", new org.sasim.workloads.input.Position(w.file().toString(), 1, 1))
                    + ": sweep: `sasim " + command + "` takes one configuration; this workload sweeps "
                    + w.points().size() + " points (" + (command.equals("run") ? "use `sasim sweep`"
                            : "set the fields in the model and accelerator sections instead") + ")");
        }
        return w.points().get(0);
    }
}
