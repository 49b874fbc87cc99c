package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.workloads.input.Position;
import org.sasim.workloads.run.ModelTensors;
import org.sasim.workloads.run.RunSummary;
import org.sasim.workloads.spec.Workload;
import org.sasim.workloads.spec.WorkloadLoader;
import org.sasim.workloads.spec.ZooCatalog;

/** {@code sasim run}: the files it writes, what it prints, and its refusals. */
class RunCommandTest {
    /** Column names of layers.csv that are names or counts rather than measured quantities with a unit suffix. */
    private static final List<String> UNITLESS = List.of("layer", "kind", "output_shape", "params", "macs");
    private static final Pattern UNIT = Pattern.compile(".*_(cycles|bytes|pct|bytes_per_cycle|dram_byte)$");

    @TempDir
    Path dir;

    private static ScaleSimCommandTest.Run run(String... args) {
        return ScaleSimCommandTest.run(args);
    }

    @Test
    void alexnetExampleWritesOneRowPerLayerAndTotalsWithProvenance() throws IOException {
        Path out = dir.resolve("alexnet");
        Path workload = Outputs.EXAMPLES.resolve("alexnet.yaml");
        var r = run("run", workload.toString(), "-o", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());

        Network net = ModelZoo.build("alexnet", 1, 224, 224);
        var rows = Outputs.csv(out.resolve("layers.csv"));
        assertEquals(net.nodes().size() + 1, rows.size());
        assertEquals(net.nodes().stream().map(Node::name).toList(), Outputs.column(rows, "layer"));
        for (String h : rows.get(0)) {
            assertTrue(UNITLESS.contains(h) || UNIT.matcher(h).matches(), "unit in column " + h);
        }
        long cycles = Outputs.column(rows, "total_cycles").stream().mapToLong(Long::parseLong).sum();
        long macs = Outputs.column(rows, "macs").stream().mapToLong(Long::parseLong).sum();

        JsonNode s = Outputs.json(out.resolve("summary.json"));
        assertEquals(cycles, s.at("/totals/total_cycles").asLong());
        assertEquals(net.macs(), macs);
        assertEquals(net.macs(), s.at("/totals/macs").asLong());
        assertEquals(Outputs.sha256(Files.readAllBytes(workload)), s.at("/provenance/workload_sha256").asText());
        assertEquals(1, s.at("/provenance/seed").asLong());
        assertEquals(SasimVersion.version(), s.at("/provenance/sasim_version").asText());
        assertEquals("true", s.at("/provenance/settings/tensors").asText());
        assertEquals("fp32", s.at("/accelerator/datatype").asText());
        assertEquals(32, s.at("/accelerator/array_rows").asInt());

        assertTrue(r.out().contains(String.format("%,d total", cycles)), r.out());
        assertTrue(r.out().contains("top-5 of sample 0:"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("layers.json")));
    }

    @Test
    void dumpedActivationsAreEveryLayersOutputAndTheLastIsTheChecksummedOutput() throws IOException {
        Path out = dir.resolve("mini");
        var r = run("run", Outputs.EXAMPLES.resolve("mini_alexnet_npy.yaml").toString(), "-o", out.toString(), "-q",
                "--dump-activations", "--report");
        assertEquals(0, r.code(), r.err());
        var rows = Outputs.csv(out.resolve("layers.csv"));
        List<String> layers = Outputs.column(rows, "layer");
        List<String> shapes = Outputs.column(rows, "output_shape");
        for (int i = 0; i < layers.size(); i++) {
            FloatTensor t = Npy.readFloat(out.resolve("activations").resolve(layers.get(i) + ".npy"));
            assertEquals(shapes.get(i), t.shape().toString(), layers.get(i));
        }
        FloatTensor last = Npy.readFloat(out.resolve("activations").resolve("fc8.npy"));
        assertTrue(r.out().contains("sha256 " + RunSummary.checksum(last).substring(0, 16)), r.out());
        assertTrue(Files.readString(out.resolve("report.html")).contains("conv1"));
        // simulation.verify is true in this example: the per-layer table is printed.
        assertTrue(r.out().contains("PASS: 21 of 21 layers"), r.out());
    }

    @Test
    void timingOnlyGivesTheSameLayerTableAsATensorRun() throws IOException {
        Path workload = Outputs.EXAMPLES.resolve("mini_alexnet_npy.yaml");
        assertEquals(0, run("run", workload.toString(), "-o", dir.resolve("t").toString(), "-q").code());
        var r = run("run", workload.toString(), "-o", dir.resolve("timing").toString(), "-q", "--timing-only");
        // verify: true needs tensors, so --timing-only is refused for this workload...
        assertEquals(2, r.code(), r.out());
        Path copy = Files.writeString(dir.resolve("w.yaml"), Outputs.miniAlexNet("accelerator:\n  preset: eyeriss")
                .replace("verify: true", "verify: false"));
        assertEquals(0, run("run", copy.toString(), "-o", dir.resolve("t2").toString(), "-q").code());
        assertEquals(0, run("run", copy.toString(), "-o", dir.resolve("timing").toString(), "-q", "--timing-only")
                .code());
        // ... and without it, timing and traffic do not depend on the tensors.
        assertArrayEquals(Files.readAllBytes(dir.resolve("t/layers.csv")),
                Files.readAllBytes(dir.resolve("timing/layers.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("t2/layers.csv")),
                Files.readAllBytes(dir.resolve("timing/layers.csv")));
    }

    @Test
    void aSecondRunGoesToANewFolderAndLeavesTheFirstUntouched() throws IOException {
        Path w = Files.writeString(dir.resolve("w.yaml"), Outputs.miniAlexNet("accelerator:\n  preset: eyeriss")
                .replace("verify: true", "tensors: false"));
        Path out = dir.resolve("o");
        assertEquals(0, run("run", w.toString(), "-o", out.toString(), "-q").code());
        byte[] first = Files.readAllBytes(out.resolve("summary.json"));
        var r = run("run", w.toString(), "-o", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + out.toAbsolutePath().resolve("run-2")), r.out());
        assertArrayEquals(first, Files.readAllBytes(out.resolve("summary.json")));
        assertArrayEquals(first, Files.readAllBytes(out.resolve("run-2/summary.json")));
    }

    @Test
    void anInt8RunPrintsItsInt8OutputAsTheInt8ReferenceComputesIt() throws IOException {
        Path w = Files.writeString(dir.resolve("int8.yaml"), Outputs.miniAlexNet(
                "accelerator:\n  preset: eyeriss\n  datatype: int8"));
        var r = run("run", w.toString(), "-o", dir.resolve("o").toString(), "-q", "--dump-activations");
        assertEquals(0, r.code(), r.out() + r.err());

        // The int8 reference engine on the same calibrated program (docs/quantization.md).
        Workload workload = new WorkloadLoader(new ZooCatalog()).load(w);
        ModelTensors t = ModelTensors.of(workload.points().get(0), new Position(w.toString(), 1, 1));
        Network net = workload.model().network();
        Int8Network program = Int8Network.of(net, t.weights(),
                ReferenceEngine.calibrate(net, t.weights(), t.input(), WeightGranularity.PER_CHANNEL));
        ByteTensor want = ReferenceEngine.runInt8(program, program.quantizeInput(t.input()), (name, q) -> { });
        FloatTensor real = program.dequantize(net.output().name(), want);
        int top = 0;
        for (int c = 1; c < real.data().length; c++) {
            top = real.data()[c] > real.data()[top] ? c : top;
        }
        assertTrue(r.out().contains("1x10 int8, sha256 " + RunSummary.checksum(want).substring(0, 16)), r.out());
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "top-5 of sample 0 (dequantized): %d (%.4g)",
                top, real.data()[top])), r.out());
        // verify: true in the workload compares int8 with int8; the dump holds dequantized outputs.
        assertTrue(r.out().contains("PASS: 21 of 21 layers equal"), r.out());
        assertArrayEquals(real.data(), Npy.readFloat(dir.resolve("o/activations/fc8.npy")).data());
    }

    @Test
    void aSweepIsRefusedWithAPointerToTheSweepCommand() {
        var r = run("run", Outputs.EXAMPLES.resolve("sweep-array-size.yaml").toString(), "-q");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sweep-array-size.yaml:8:3: sweep: ") && r.err().contains("sasim sweep"),
                r.err());
    }
}
