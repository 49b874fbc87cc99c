package org.sasim.workloads.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sasim.models.quant.Int8Network;
import org.sasim.simulator.arch.Datatype;
import org.sasim.workloads.output.Progress;
import org.sasim.workloads.run.DatapathCheck;
import org.sasim.workloads.run.Int8DatapathCheck;
import org.sasim.workloads.run.LayerCheck;
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

/**
 * {@code sasim verify W.yaml}: the simulated datapath against the reference engine, layer by layer (fp32 and bf16
 * within a tolerance on the same inputs, int8 equal to the int8 reference on the same int8 network).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = {"Runs the workload's tensors through the simulated datapath and, side by side, each layer "
                + "through the reference engine on the same inputs; prints per layer the max abs and max rel "
                + "difference (rel = abs / max(1, max|reference|)) and PASS/FAIL.",
            "Tolerance: fp32 |diff| <= 1e-4 * max(1, max|reference|) (--tolerance); bf16 adds the bound of rounding "
                + "both operands to bf16. int8: the int8 datapath against the int8 reference engine on the same "
                + "calibrated int8 network, every layer's int8 output equal (max abs diff 0 in int8 units). "
                + "Exit code 0 when every layer passes, 1 otherwise. Writes nothing."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "W.yaml", description = "workload file (without a sweep)")
    Path workload;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "1e-4",
            description = "fp32 and vector-unit tolerance relative to the layer's largest magnitude; int8 is "
                    + "always checked for equality "
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
        LayerCheck check;
        try (Progress p = Progress.start("verify", ps.network().nodes().size(), quiet)) {
            if (ps.accelerator().datatype() == Datatype.INT8) {
                Int8Network program = ps.int8Program(t);
                Int8DatapathCheck int8 = new Int8DatapathCheck(program, t.input());
                ps.runInt8(program, t, (name, out) -> {
                    int8.accept(name, out);
                    p.step();
                });
                check = int8;
            } else {
                DatapathCheck fp = new DatapathCheck(ps.network(), t.weights(), t.input(),
                        Tolerance.of(ps.accelerator().datatype(), tolerance));
                ps.run(t, (name, out) -> {
                    fp.accept(name, out);
                    p.step();
                });
                check = fp;
            }
        }
        var out = spec.commandLine().getOut();
        out.println(ps.network().name() + " on " + ps.accelerator().name() + " (" + ps.accelerator().datatype()
                + "), simulated datapath vs reference engine, layer by layer on the same inputs:");
        out.print(check.table());
        out.flush();
        return check.passed() ? SasimCommand.OK : SasimCommand.MISMATCH;
    }
}
