package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        int8RunMatchesTheReference("per_channel", WeightGranularity.PER_CHANNEL);
    }

    @Test
    void perTensorWeightScalesReachTheInt8Datapath() throws IOException {
        int8RunMatchesTheReference("per_tensor", WeightGranularity.PER_TENSOR);
    }

    /**
     * Runs mini AlexNet on an int8 eyeriss with {@code simulation.weight_granularity: yaml} and checks the printed
     * checksum and top-1 against the int8 reference engine on a program calibrated with {@code granularity}.
     */
    private void int8RunMatchesTheReference(String yaml, WeightGranularity granularity) throws IOException {
        Path w = Files.writeString(dir.resolve("int8.yaml"), Outputs.miniAlexNet(
                "accelerator:\n  preset: eyeriss\n  datatype: int8")
                .replace("verify: true", "verify: true\n  weight_granularity: " + yaml));
        var r = run("run", w.toString(), "-o", dir.resolve("o").toString(), "-q", "--dump-activations");
        assertEquals(0, r.code(), r.out() + r.err());

        // The int8 reference engine on the same calibrated program (docs/quantization.md).
        Workload workload = new WorkloadLoader(new ZooCatalog()).load(w);
        ModelTensors t = ModelTensors.of(workload.points().get(0), new Position(w.toString(), 1, 1));
        Network net = workload.model().network();
        Int8Network program = Int8Network.of(net, t.weights(),
                ReferenceEngine.calibrate(net, t.weights(), t.input(), granularity));
        ByteTensor want = ReferenceEngine.runInt8(program, program.quantizeInput(t.input()), (name, q) -> { });
        FloatTensor real = program.dequantize(net.output().name(), want);
        int top = 0;
        for (int c = 1; c < real.data().length; c++) {
            top = real.data()[c] > real.data()[top] ? c : top;
        }
        assertTrue(r.out().contains("1x10 int8, sha256 " + RunSummary.checksum(want).substring(0, 16)), r.out());
        // ... which the other granularity would not have printed
        WeightGranularity other = granularity == WeightGranularity.PER_CHANNEL ? WeightGranularity.PER_TENSOR
                : WeightGranularity.PER_CHANNEL;
        Int8Network otherProgram = Int8Network.of(net, t.weights(),
                ReferenceEngine.calibrate(net, t.weights(), t.input(), other));
        assertNotEquals(RunSummary.checksum(want), RunSummary.checksum(
                ReferenceEngine.runInt8(otherProgram, otherProgram.quantizeInput(t.input()), (name, q) -> { })));
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "top-5 of sample 0 (dequantized): %d (%.4g)",
                top, real.data()[top])), r.out());
        // verify: true in the workload compares int8 with int8; the dump holds dequantized outputs.
        assertTrue(r.out().contains("PASS: 21 of 21 layers equal"), r.out());
        assertArrayEquals(real.data(), Npy.readFloat(dir.resolve("o/activations/fc8.npy")).data());
        assertEquals(yaml, Outputs.json(dir.resolve("o/summary.json"))
                .at("/provenance/settings/weight_granularity").asText());
    }

    @Test
    void foldingBatchNormsRemovesTheirVectorCyclesAndTraffic() throws IOException {
        String yaml = "model: {name: resnet18, input: [32, 32]}\naccelerator: {preset: eyeriss}\n"
                + "simulation: {tensors: false, fold_batch_norm: %s}\n";
        Path unfolded = Files.writeString(dir.resolve("u.yaml"), String.format(yaml, "false"));
        Path folded = Files.writeString(dir.resolve("f.yaml"), String.format(yaml, "true"));
        assertEquals(0, run("run", unfolded.toString(), "-o", dir.resolve("u").toString(), "-q").code());
        assertEquals(0, run("run", folded.toString(), "-o", dir.resolve("f").toString(), "-q").code());

        var u = Outputs.csv(dir.resolve("u/layers.csv"));
        var f = Outputs.csv(dir.resolve("f/layers.csv"));
        List<String> kinds = Outputs.column(u, "kind");
        long bnVector = 0;
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i).equals("batchnorm2d")) {
                bnVector += Long.parseLong(Outputs.column(u, "vector_cycles").get(i));
                for (String col : List.of("vector_cycles", "total_cycles", "dram_read_bytes", "dram_write_bytes")) {
                    assertEquals("0", Outputs.column(f, col).get(i), col + " of " + Outputs.column(f, "layer").get(i));
                }
            }
        }
        assertTrue(bnVector > 0, "unfolded batch norms run on the vector unit");
        JsonNode us = Outputs.json(dir.resolve("u/summary.json"));
        JsonNode fs = Outputs.json(dir.resolve("f/summary.json"));
        assertEquals(us.at("/totals/vector_cycles").asLong() - bnVector, fs.at("/totals/vector_cycles").asLong());
        assertEquals("true", fs.at("/provenance/settings/fold_batch_norm").asText());
        assertEquals("false", us.at("/provenance/settings/fold_batch_norm").asText());
    }

    @Test
    void aSweepIsRefusedWithAPointerToTheSweepCommand() {
        var r = run("run", Outputs.EXAMPLES.resolve("sweep-array-size.yaml").toString(), "-q");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sweep-array-size.yaml:8:3: sweep: ") && r.err().contains("sasim sweep"),
                r.err());
    }
}
