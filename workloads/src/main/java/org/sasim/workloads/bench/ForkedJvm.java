package org.sasim.workloads.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bench cases that run in a JVM of their own, as JMH forks its benchmarks: C2 compiles the Vector API kernels from
 * the profiles of everything the process ran before, so a case measured after other datatypes' cases can run several
 * times slower than it does alone (README "Performance"). The forked JVM gets this JVM's options (heap, modules)
 * and class path, runs every case of {@link BenchSuite#plan} naming it, in order, with a {@link BenchRunner}, and
 * prints one line per result, which the bench reads back.
 */
public final class ForkedJvm {
    /** Starts every result line of the forked JVM's output (other lines are ignored). */
    static final String RESULT = "sasim-bench-result";
    /** Options of this JVM that must not reach a forked one: they write or map files, or attach agents. */
    private static final List<String> NOT_FORWARDED = List.of("-XX:ArchiveClassesAtExit", "-XX:SharedArchiveFile",
            "-Xshare", "-XX:StartFlightRecording", "-XX:FlightRecorderOptions", "-agentlib", "-agentpath",
            "-javaagent", "-Xlog", "-XX:CompilerDirectivesFile");

    private ForkedJvm() {
    }

    /**
     * Runs {@code cases}, every case of the (quick) plan that names one forked JVM, in plan order, in a new JVM
     * (which plans them again there), handing each result to {@code each} as it arrives.
     *
     * @return the results, in plan order
     * @throws IllegalStateException when the forked JVM fails or does not report each of the cases, in order
     */
    public static List<BenchResult> run(List<BenchCase> cases, boolean quick, Consumer<BenchResult> each) {
        String jvm = cases.isEmpty() ? "" : cases.get(0).jvm();
        if (jvm.isEmpty() || cases.stream().anyMatch(c -> !c.jvm().equals(jvm))) {
            throw new IllegalArgumentException("forked cases must all name the same forked JVM, got " + cases.stream()
                    .map(BenchCase::jvm).toList());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_FORWARDED.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkedJvm.class.getName(),
                Boolean.toString(quick), jvm));
        List<BenchResult> results = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(command).start();
            StringBuilder err = new StringBuilder();
            Thread drain = new Thread(() -> append(p.getErrorStream(), err), "bench fork stderr");
            drain.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith(RESULT + "\t")) {
                        BenchResult result = parse(line);
                        if (results.size() >= cases.size()
                                || !result.name().equals(cases.get(results.size()).name())) {
                            throw new IllegalStateException("the forked JVM for the " + jvm + " cases reported '"
                                    + result.name() + "' out of plan order");
                        }
                        results.add(result);
                        each.accept(result);
                    }
                }
            }
            int code = p.waitFor();
            drain.join();
            if (code != 0 || results.size() != cases.size()) {
                throw new IllegalStateException("the forked JVM for the " + jvm + " cases exited with " + code
                        + " after " + results.size() + " of " + cases.size() + " results: " + err.toString().strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the " + jvm + " cases: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the " + jvm + " cases ran", e);
        }
        return results;
    }

    /** The forked JVM: {@code args} = quick (true or false), the JVM's name. */
    public static void main(String[] args) {
        boolean quick = Boolean.parseBoolean(args[0]);
        BenchRunner runner = new BenchRunner();
        for (BenchCase c : BenchSuite.plan(quick)) {
            if (c.jvm().equals(args[1])) {
                System.out.println(format(runner.run(c)));
                System.out.flush();
            }
        }
    }

    /** One result as a tab-separated line (doubles in Java's round-trip form). */
    static String format(BenchResult r) {
        return String.join("\t", RESULT, r.group(), r.name(), Integer.toString(r.warmups()),
                Integer.toString(r.repetitions()), Double.toString(r.medianMillis()), Double.toString(r.minMillis()),
                Double.toString(r.maxMillis()), Long.toString(r.peakHeapBytes()), Long.toString(r.simulatedCycles()),
                Double.toString(r.simulatedCyclesPerSecond()));
    }

    /** The result {@link #format} wrote. */
    static BenchResult parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 11 || !f[0].equals(RESULT)) {
            throw new IllegalArgumentException("not a bench result line: " + line);
        }
        return new BenchResult(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                Double.parseDouble(f[10]));
    }

    /** Keeps the last 8 kB of a stream (a forked JVM's error output, shown if it fails). */
    private static void append(InputStream in, StringBuilder sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                    if (sink.length() > 8192) {
                        sink.delete(0, sink.length() - 8192);
                    }
                }
            }
        } catch (IOException e) {
            synchronized (sink) {
                sink.append("(error output unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
    }
}
