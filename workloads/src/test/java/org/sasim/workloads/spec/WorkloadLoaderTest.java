package org.sasim.workloads.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Shape;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.workloads.cli.UserError;

class WorkloadLoaderTest {
    static final Path EXAMPLES = Path.of(System.getProperty("sasim.root", "."), "workloads", "examples");
    private final WorkloadLoader loader = new WorkloadLoader(new ZooCatalog());

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private List<String> problems(String yaml) throws IOException {
        Path p = write("w.yaml", yaml);
        UserError e = assertThrows(UserError.class, () -> loader.load(p, "w.yaml"));
        return e.problems();
    }

    @Test
    void everyExampleLoads() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            examples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(examples.size() >= 5, "examples: " + examples);
        for (Path p : examples) {
            Workload w = loader.load(p);
            assertTrue(w.model().network().nodes().size() > 5, p.toString());
        }
    }

    @Test
    void customLayerListWithNpyWeightsResolvesPathsAgainstTheFile() {
        Workload w = loader.load(EXAMPLES.resolve("mini_alexnet_npy.yaml"));
        assertNull(w.model().zooName());
        assertEquals(Shape.of(1, 10), w.model().network().outputShape());
        assertEquals(3_656_192L, w.model().network().macs());
        var weights = assertInstanceOf(WeightSource.NpyDirectory.class, w.model().weights());
        assertTrue(Files.isDirectory(weights.dir()));
        assertInstanceOf(InputSource.NpyFile.class, w.model().input());
    }

    @Test
    void presetsAndOverrides() throws IOException {
        Workload tpu = loader.load(write("t.yaml", "model: {name: alexnet}\naccelerator: {preset: tpu-v1}\n"));
        assertEquals(256, tpu.accelerator().array().rows());
        assertEquals(Dataflow.WEIGHT_STATIONARY, tpu.accelerator().array().dataflow());
        assertEquals(24L << 20, tpu.accelerator().memory().ifmapSramBytes()
                + tpu.accelerator().memory().ofmapSramBytes());
        assertEquals(34.0 / 0.7, tpu.accelerator().memory().dramBytesPerCycle(), 1e-12);

        Workload o = loader.load(write("o.yaml", """
                model: {name: resnet18, input: [112, 96], batch: 2}
                accelerator:
                  preset: eyeriss
                  rows: 16
                  datatype: int8
                  clock_ghz: 0.5
                  ifmap_sram: 1MiB
                  filter_sram: 4096
                  dram_bandwidth: 8GB/s
                """));
        var a = o.accelerator();
        assertEquals(16, a.array().rows());
        assertEquals(14, a.array().cols());
        assertEquals(Datatype.INT8, a.datatype());
        assertEquals(1L << 20, a.memory().ifmapSramBytes());
        assertEquals(4096, a.memory().filterSramBytes());
        assertEquals(16.0, a.memory().dramBytesPerCycle(), 1e-12);
        assertEquals(Shape.nchw(2, 3, 112, 96), o.model().network().inputShape());
    }

    @Test
    void batchNormFoldingAndWeightGranularityDefaultToUnfoldedPerChannel() throws IOException {
        SimulationOptions d = loader.load(write("d.yaml", "model: {name: resnet18}\n")).simulation();
        assertFalse(d.foldBatchNorm());
        assertEquals(WeightGranularity.PER_CHANNEL, d.weightGranularity());

        SimulationOptions s = loader.load(write("s.yaml", """
                model: {name: resnet18}
                simulation:
                  fold_batch_norm: true
                  weight_granularity: per_tensor
                """)).simulation();
        assertTrue(s.foldBatchNorm());
        assertEquals(WeightGranularity.PER_TENSOR, s.weightGranularity());
    }

    @Test
    void badFoldAndGranularityValuesAreReportedAtTheirPositionsWithASuggestion() throws IOException {
        List<String> p = problems("""
                model: {name: resnet18}
                simulation:
                  fold_batch_norm: sometimes
                  weight_granularity: per_chanel
                """);
        assertEquals(List.of("w.yaml:3:20: simulation.fold_batch_norm: expected true or false (got sometimes)",
                "w.yaml:4:23: simulation.weight_granularity: expected one of per_tensor, per_channel; "
                        + "did you mean 'per_channel'? (got per_chanel)"), p);
    }

    @Test
    void sweepIsTheCartesianProductFirstFieldOutermost() throws IOException {
        Workload w = loader.load(write("s.yaml", """
                model: {name: alexnet}
                sweep:
                  accelerator.rows: [8, 16]
                  model.batch: [1, 2, 4]
                """));
        assertEquals(6, w.points().size());
        assertEquals(List.of("accelerator.rows", "model.batch"), w.sweepFields());
        int[][] expected = {{8, 1}, {8, 2}, {8, 4}, {16, 1}, {16, 2}, {16, 4}};
        for (int i = 0; i < 6; i++) {
            SweepPoint p = w.points().get(i);
            assertEquals(i, p.index());
            assertEquals(expected[i][0], p.accelerator().array().rows());
            assertEquals(expected[i][1], p.model().network().inputShape().batch());
        }
    }

    @Test
    void badSweepValueIsReportedAtItsLineInTheSweep() throws IOException {
        List<String> p = problems("""
                model: {name: alexnet}
                sweep:
                  accelerator.rows: [8, -3, 16]
                """);
        assertEquals(List.of("w.yaml:3:25: accelerator.rows: out of range: must be 1..65536 (got -3)"), p);
    }

    @Test
    void allProblemsAtOnceSortedByPosition() throws IOException {
        List<String> p = problems("""
                model:
                  name: alexnt
                  batch: two
                acelerator: {rows: 4}
                accelerator:
                  rows: 0
                  cols: 32
                  cols: 16
                simulation: {engine: fastest, seed: 99999999999999999999999}
                """);
        assertEquals(List.of(
                "w.yaml:2:9: model.name: unknown model; did you mean 'alexnet'? (zoo: alexnet, vgg11, vgg11_bn, "
                        + "vgg13, vgg16, vgg19, resnet18, resnet34, resnet50, resnet101, resnet152) (got alexnt)",
                "w.yaml:3:10: model.batch: expected an integer in 1..4096 (got two)",
                "w.yaml:4:1: acelerator: unknown key; did you mean 'accelerator'? (known: name, description, model, "
                        + "accelerator, simulation, sweep, output)",
                "w.yaml:6:9: accelerator.rows: out of range: must be 1..65536 (got 0)",
                "w.yaml:8:3: accelerator.cols: duplicate key (first given at line 7)",
                "w.yaml:9:22: simulation.engine: expected one of fast, cycle (got fastest)",
                "w.yaml:9:37: simulation.seed: out of range: must be >= 0 (got 99999999999999999999999)"), p);
    }

    @Test
    void graphErrorsPointAtTheLayer() throws IOException {
        List<String> p = problems("""
                model:
                  input: [3, 32, 32]
                  layers:
                    - {name: c1, kind: conv2d, in_channels: 3, out_channels: 8, kernel: 3}
                    - {name: fc, kind: linear, in_features: 10, out_features: 2}
                """);
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("w.yaml:5:7: model.layers[1]: layer 'fc': expects a (N, features) input"),
                p.get(0));
    }

    @Test
    void unknownInputAndLayerParameterProblems() throws IOException {
        List<String> p = problems("""
                model:
                  input: [3, 32, 32]
                  layers:
                    - {name: c1, kind: conv2d, in_channels: 3, out_channels: 8, kernal: 3}
                    - {name: r, kind: relu, inputs: [c2]}
                """);
        assertTrue(p.contains("w.yaml:4:65: model.layers[0].kernal: unknown key; did you mean 'kernel'? (known: "
                + "name, kind, inputs, in_channels, out_channels, kernel, stride, padding, dilation, groups, bias)"),
                p.toString());
        assertTrue(p.contains("w.yaml:4:7: model.layers[0]: missing parameter 'kernel'"), p.toString());

        List<String> q = problems("""
                model:
                  input: [3, 32, 32]
                  layers:
                    - {name: r1, kind: relu}
                    - {name: r2, kind: relu, inputs: c2}
                """);
        assertEquals(List.of("w.yaml:5:7: model.layers[1]: layer 'r2': unknown input 'c2'"), q);
    }

    @Test
    void npyWeightsWithTheWrongShapeAreReported() throws IOException {
        Path w = Files.createDirectory(dir.resolve("weights"));
        Npy.write(w.resolve("fc.weight.npy"), new FloatTensor(Shape.of(3, 4), new float[12]));
        List<String> p = problems("""
                model:
                  input: [4]
                  weights: {npy_dir: weights}
                  layers:
                    - {name: fc, kind: linear, in_features: 4, out_features: 2}
                """);
        assertEquals(2, p.size(), p.toString());
        assertEquals("w.yaml:3:12: model.weights: fc weight: fc.weight.npy has shape 3x4, the model needs 2x4",
                p.get(0));
        assertTrue(p.get(1).startsWith("w.yaml:3:12: model.weights: fc bias: missing file"), p.get(1));
    }

    @Test
    void missingFilesAndSyntaxErrors() throws IOException {
        assertEquals(List.of("w.yaml:3:22: model.weights.npy_dir: folder not found: " + dir.resolve("nope")
                + " (got nope)"), problems("model:\n  name: alexnet\n  weights: {npy_dir: nope}\n"));
        assertEquals(List.of("w.yaml:1:1: the file is empty (expected a YAML mapping)"), problems(""));
        List<String> syntax = problems("model: [1, 2\nx: 3\n");
        assertEquals(1, syntax.size());
        assertTrue(syntax.get(0).startsWith("w.yaml:2:2: invalid YAML"), syntax.get(0));
        UserError missing = assertThrows(UserError.class, () -> loader.load(dir.resolve("absent.yaml"), "absent.yaml"));
        assertEquals(List.of("absent.yaml:1:1: file not found"), missing.problems());
    }

    @Test
    void sizesAndBandwidthUnits() {
        assertEquals(65536, Quantity.bytes("64KiB").value());
        assertEquals(1536 * 1024, Quantity.bytes("1.5 MiB").value());
        assertTrue(Quantity.bytes("64kB").error().contains("ambiguous"));
        assertEquals(34.0 / 0.7, Quantity.bandwidth("34GB/s", 0.7).value(), 1e-12);
        assertEquals(16, Quantity.bandwidth("16 B/cycle", 0.7).value());
        assertTrue(Quantity.bandwidth("fast", 1).error() != null);
    }
}
