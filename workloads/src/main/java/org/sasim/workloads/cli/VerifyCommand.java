package org.sasim.workloads.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sasim.workloads.output.Progress;
import org.sasim.workloads.run.DatapathCheck;
import org.sasim.workloads.run.ModelTensors;
import org.sasim.workloads.run.PointSimulation;
import org.sasim.workloads.run.Tolerance;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.Workload;
import org.sasim.workloads.spec.WorkloadLoader;
import org.sasim.workloads.spec.ZooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sasim verify W.yaml}: the simulated datapath against the reference engine, layer by layer. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = {"Runs the workload's tensors through the simulated datapath and, side by side, each layer "
                + "through the reference engine on the same inputs; prints per layer the max abs and max rel "
                + "difference (rel = abs / max(1, max|reference|)) and PASS/FAIL.",
            "Tolerance: fp32 |diff| <= 1e-4 * max(1, max|reference|) (--tolerance); bf16 adds the bound of rounding "
                + "both operands to bf16; int8 equal. Exit code 0 when every layer passes, 1 otherwise. "
                + "Writes nothing."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "W.yaml", description = "workload file (without a sweep)")
    Path workload;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "1e-4",
            description = "fp32 and vector-unit tolerance relative to the layer's largest magnitude "
                    + "(default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new UserError("--tolerance: must be a finite number >= 0 (got " + tolerance + ")");
        }
        Workload w = new WorkloadLoader(new ZooCatalog()).load(workload);
        SweepPoint point = RunCommand.single(w, "verify");
        PointSimulation ps = new PointSimulation(w, point, w.simulation(),
                Runtime.getRuntime().availableProcessors());
        ModelTensors t = ModelTensors.of(point, ps.origin("model"));
        DatapathCheck check = new DatapathCheck(ps.network(), t.weights(), t.input(),
                Tolerance.of(ps.accelerator().datatype(), tolerance));
        try (Progress p = Progress.start("verify", ps.network().nodes().size(), quiet)) {
            ps.run(t, (name, out) -> {
                check.accept(name, out);
                p.step();
                // Which datatypes run is NetworkSimulator's call: int8 plugs in there, compared for equality.
            }, "verify needs a datatype the simulated datapath runs with tensors: use fp32 or bf16");
        }
        var out = spec.commandLine().getOut();
        out.println(ps.network().name() + " on " + ps.accelerator().name() + " (" + ps.accelerator().datatype()
                + "), simulated datapath vs reference engine, layer by layer on the same inputs:");
        out.print(check.table());
        out.flush();
        return check.passed() ? SasimCommand.OK : SasimCommand.MISMATCH;
    }
}
