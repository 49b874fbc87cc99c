package org.sasim.workloads.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sasim.reports.table.CsvFormat;
import org.sasim.simulator.memory.IfmapCountMemo;
import org.sasim.reports.table.Table;
import org.sasim.workloads.output.Progress;
import org.sasim.workloads.output.ReportDirectory;
import org.sasim.workloads.output.ReportFile;
import org.sasim.workloads.run.BandwidthFamily;
import org.sasim.workloads.run.OutputLocation;
import org.sasim.workloads.run.SweepTable;
import org.sasim.workloads.run.SweepTable.PointOutcome;
import org.sasim.workloads.spec.SimulationOptions;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.Workload;
import org.sasim.workloads.spec.WorkloadLoader;
import org.sasim.workloads.spec.ZooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sasim sweep W.yaml}: every sweep point, in parallel, one summary row each. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = {"Simulates every point of the workload's sweep (the cartesian product of its swept fields) "
                + "and writes DIR/sweep.csv: one row per point in sweep order with the swept values and the "
                + "network totals, a unit in every column name.",
            "Points run in parallel on simulation.threads workers (--threads); the file is byte-identical whatever "
                + "the thread count. Sweeps run timing only: cycles, stalls and traffic do not depend on tensor "
                + "values. A workload without a sweep gives one row."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "W.yaml", description = "workload file")
    Path workload;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "output directory (default: the workload's output.dir, else ./out/<workload name>)")
    Path output;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "worker threads (default: simulation.threads; 0 = one per processor)")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        if (threads != null && (threads < 0 || threads > 1024)) {
            throw new UserError("--threads: must be 0 .. 1024 (got " + threads + ")");
        }
        Workload w = new WorkloadLoader(new ZooCatalog()).load(workload);
        SimulationOptions sim = w.simulation().timingOnly();
        int requested = threads == null ? sim.threads()
                : threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        List<SweepPoint> points = w.points();
        // points that differ only in DRAM bandwidth are timed together: their layers' tilings are cut once
        List<BandwidthFamily> families = BandwidthFamily.of(points);
        Map<Integer, PointOutcome> byIndex = new HashMap<>();
        // each worker keeps IFMAP counts from family to family (the same layers on other arrays); results never
        // depend on what a memo holds, so neither on which worker ran which family
        ThreadLocal<IfmapCountMemo> memos = ThreadLocal.withInitial(IfmapCountMemo::new);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(requested, families.size())));
        try (Progress p = Progress.start("sweep", points.size(), quiet)) {
            List<Future<List<PointOutcome>>> futures = new ArrayList<>();
            for (BandwidthFamily family : families) {
                futures.add(pool.submit(() -> {
                    List<PointOutcome> o = family.outcomes(w, sim, memos.get());
                    synchronized (p) {
                        for (int i = 0; i < o.size(); i++) {
                            p.step();
                        }
                    }
                    return o;
                }));
            }
            // Placed by point index, so the rows do not depend on which worker finished first.
            for (int f = 0; f < families.size(); f++) {
                List<PointOutcome> o = futures.get(f).get();
                List<SweepPoint> members = families.get(f).points();
                for (int i = 0; i < members.size(); i++) {
                    byIndex.put(members.get(i).index(), o.get(i));
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<PointOutcome> outcomes = new ArrayList<>();
        for (SweepPoint point : points) {
            outcomes.add(byIndex.get(point.index()));
        }
        List<String> failures = new ArrayList<>();
        for (PointOutcome o : outcomes) {
            if (!o.ok()) {
                failures.add(o.error());
            }
        }
        if (failures.size() == outcomes.size()) {
            throw new UserError(failures);
        }
        Table table = SweepTable.ofOutcomes(w.sweepFields(), points, outcomes);
        Path written = new ReportDirectory(OutputLocation.of(output, w))
                .publish(List.of(ReportFile.text("sweep.csv", CsvFormat.format(table))));
        var out = spec.commandLine().getOut();
        out.printf("%d points of %s%s%n", points.size(), w.name(),
                w.isSweep() ? " over " + String.join(", ", w.sweepFields()) : " (no sweep)");
        int best = -1;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).ok() && (best < 0 || outcomes.get(i).run().totals().totalCycles()
                    < outcomes.get(best).run().totals().totalCycles())) {
                best = i;
            }
        }
        out.printf("fastest: point %d (%s), %,d cycles%n", best, points.get(best).settings().isEmpty() ? "-"
                : points.get(best).settings().toString(), outcomes.get(best).run().totals().totalCycles());
        out.println("wrote " + written.resolve("sweep.csv"));
        out.flush();
        if (!failures.isEmpty()) {
            List<String> problems = new ArrayList<>(failures);
            problems.add(failures.size() + " of " + outcomes.size() + " sweep points could not run; "
                    + written.resolve("sweep.csv") + " keeps every point, the reasons in its error column");
            throw new UserError(problems);
        }
        return SasimCommand.OK;
    }
}
