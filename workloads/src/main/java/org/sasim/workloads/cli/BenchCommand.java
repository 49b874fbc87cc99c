package org.sasim.workloads.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.sasim.workloads.bench.BenchCase;
import org.sasim.workloads.bench.BenchReport;
import org.sasim.workloads.bench.BenchResult;
import org.sasim.workloads.bench.BenchRunner;
import org.sasim.workloads.bench.BenchSuite;
import org.sasim.workloads.bench.ForkedJvm;
import org.sasim.workloads.bench.Machine;
import org.sasim.workloads.output.ReportDirectory;
import org.sasim.workloads.output.ReportFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sasim bench}: measures sasim's speed and heap on this machine; prints a table, writes bench.json. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = {"Measures timing-only, memory-hierarchy, numerics and cycle-stepped runs (warm-up, then "
                + "repetitions: median, min, max, peak heap, simulated cycles per second), prints a table and "
                + "writes bench.json with the machine.",
            "--quick trims the heavy cases to about a minute; timings on a shared machine are noisy."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "the quick suite (fewer networks and repetitions)")
    boolean quick;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out/bench",
            description = "output directory for bench.json (default: ${DEFAULT-VALUE}); an earlier one there is never "
                    + "overwritten: the new one goes to DIR/run-N")
    Path output;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        String date = Instant.now().toString();
        List<BenchCase> plan = BenchSuite.plan(quick);
        BenchRunner runner = new BenchRunner();
        List<BenchResult> results = new ArrayList<>();
        Consumer<BenchResult> progress = r -> {
            out.printf("%-14s %-32s median %10.2f ms%n", r.group(), r.name(), r.medianMillis());
            out.flush();
        };
        Set<String> forked = new HashSet<>();
        for (BenchCase c : plan) {
            if (c.jvm().isEmpty()) {
                BenchResult r = runner.run(c);
                results.add(r);
                progress.accept(r);
            } else if (forked.add(c.jvm())) {
                // every case naming this JVM, run there in plan order (they follow each other in the plan)
                results.addAll(ForkedJvm.run(plan.stream().filter(x -> x.jvm().equals(c.jvm())).toList(), quick,
                        progress));
            }
        }
        BenchReport report = new BenchReport(date, quick, Machine.current(), results);
        Path written = new ReportDirectory(output).publish(List.of(ReportFile.text("bench.json", report.toJson())));
        out.println();
        out.print(report.toTable());
        out.println("wrote " + written.resolve("bench.json"));
        out.flush();
        return SasimCommand.OK;
    }
}
