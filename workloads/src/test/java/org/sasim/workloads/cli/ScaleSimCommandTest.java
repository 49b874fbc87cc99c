package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sasim scalesim} against SCALE-Sim v2's own reports for AlexNet, 32x32 os. */
class ScaleSimCommandTest {
    static final Path SCALESIM = Path.of(System.getProperty("sasim.root", "."), "..", "shared", "reference",
            "scalesim");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SasimCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String[]> rows(Path file) throws IOException {
        // Every SCALE-Sim line ends with a trailing comma.
        return Files.readAllLines(file).stream().map(l -> l.replaceAll(",$", "").split(", ", -1)).toList();
    }

    @Test
    void alexnetReportsMatchScaleSim() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("scalesim", "-c", SCALESIM.resolve("scale_32x32_os.cfg").toString(), "-t",
                SCALESIM.resolve("topologies/alexnet.csv").toString(), "-o", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("850960 cycles"), r.out());
        Path ref = SCALESIM.resolve("alexnet_32x32_os");
        for (String f : List.of("COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv")) {
            assertEquals(Files.readAllLines(ref.resolve(f)).get(0), Files.readAllLines(out.resolve(f)).get(0),
                    "header of " + f);
            assertEquals(6, Files.readAllLines(out.resolve(f)).size(), f);
        }
        List<String[]> want = rows(ref.resolve("COMPUTE_REPORT.csv"));
        List<String[]> got = rows(out.resolve("COMPUTE_REPORT.csv"));
        for (int i = 1; i < want.size(); i++) {
            assertEquals(want.get(i)[0], got.get(i)[0]);
            assertEquals(want.get(i)[1], got.get(i)[1], "total cycles, layer " + (i - 1));
            assertEquals(want.get(i)[2], got.get(i)[2], "stall cycles");
            for (int c = 3; c <= 5; c++) {
                assertEquals(Double.parseDouble(want.get(i)[c]), Double.parseDouble(got.get(i)[c]), 1e-9);
            }
        }
        List<String[]> wantD = rows(ref.resolve("DETAILED_ACCESS_REPORT.csv"));
        List<String[]> gotD = rows(out.resolve("DETAILED_ACCESS_REPORT.csv"));
        List<String[]> wantB = rows(ref.resolve("BANDWIDTH_REPORT.csv"));
        List<String[]> gotB = rows(out.resolve("BANDWIDTH_REPORT.csv"));
        for (int i = 1; i < wantD.size(); i++) {
            for (int c : new int[] {3, 6, 9}) {
                assertEquals(wantD.get(i)[c], gotD.get(i)[c], "SRAM count column " + c + ", layer " + (i - 1));
            }
            // SRAM bandwidth = SRAM count / total cycles: exact as well.
            for (int c = 1; c <= 3; c++) {
                assertEquals(Double.parseDouble(wantB.get(i)[c]), Double.parseDouble(gotB.get(i)[c]), 1e-9);
            }
        }
    }

    @Test
    void secondRunNeverOverwritesTheFirst() throws IOException {
        Path out = dir.resolve("out");
        String[] args = {"scalesim", "-c", SCALESIM.resolve("scale_32x32_os.cfg").toString(), "-t",
            SCALESIM.resolve("topologies/alexnet.csv").toString(), "-o", out.toString(), "-q"};
        assertEquals(0, run(args).code());
        Files.writeString(out.resolve("COMPUTE_REPORT.csv"), "marker\n");
        assertEquals(0, run(args).code());
        assertEquals("marker\n", Files.readString(out.resolve("COMPUTE_REPORT.csv")));
        assertTrue(Files.exists(out.resolve("run-2/COMPUTE_REPORT.csv")));
        try (var s = Files.list(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".sasim-staging")));
        }
    }

    @Test
    void sasimConventionAndGemm() throws IOException {
        Path topo = Files.writeString(dir.resolve("g.csv"), "Layer, M, N, K,\nfc, 100, 64, 300,\n");
        Run r = run("scalesim", "-c", SCALESIM.resolve("scale_32x32_os.cfg").toString(), "-t", topo.toString(),
                "--gemm", "--convention", "sasim", "-o", dir.resolve("g").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sasim convention"), r.out());
    }

    @Test
    void badInputsReportEveryProblemWithExitCode2() throws IOException {
        Path cfg = Files.writeString(dir.resolve("c.cfg"), "[architecture_presets]\nArrayHeight: -1\n");
        Path topo = Files.writeString(dir.resolve("t.csv"), "Layer, M, N, K,\nfc, 1, 2\n");
        Run r = run("scalesim", "-c", cfg.toString(), "-t", topo.toString(), "-o", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(cfg + ":2:14: architecture_presets.ArrayHeight: out of range"), r.err());
        assertTrue(r.err().contains(topo + ":2:1: a conv layer has 8 fields"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
        assertTrue(!Files.exists(dir.resolve("o")));
    }

    @Test
    void helpAndVersionOnEveryCommand() {
        for (String cmd : List.of("scalesim", "validate", "models")) {
            Run h = run(cmd, "--help");
            assertEquals(0, h.code(), cmd);
            assertTrue(h.out().contains("Usage: sasim " + cmd), h.out());
            Run v = run(cmd, "--version");
            assertEquals(0, v.code(), cmd);
            assertTrue(v.out().startsWith("sasim "), v.out());
        }
    }
}
