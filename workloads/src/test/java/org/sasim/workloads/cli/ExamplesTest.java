package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;

/**
 * Every workload under {@code workloads/examples/} runs. alexnet and mini_alexnet_npy run with tensors in
 * {@link RunCommandTest}; the others here. VGG-16 is timing only by its own choice; ResNet-50 batch 4 runs
 * here with {@code --timing-only} because its bf16 tensor run takes about 20 s of CPU on a 2-core machine (a user
 * running the example gets the tensors).
 */
class ExamplesTest {
    @TempDir
    Path dir;

    @Test
    void everyExampleIsCoveredByATest() throws IOException {
        try (Stream<Path> s = Files.list(Outputs.EXAMPLES)) {
            Set<String> names = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            // scalesim/: SCALE-Sim topologies, run in ScaleSimCommandTest
            assertEquals(Set.of("alexnet.yaml", "alexnet-int8.yaml", "mini_alexnet_npy.yaml", "vgg16.yaml",
                    "resnet50.yaml", "sweep-array-size.yaml", "scalesim"), names, "a new example needs a test here or in RunCommandTest");
        }
    }

    @Test
    void vgg16OnTheTpuLikePresetRunsTimingOnly() throws IOException {
        Path out = dir.resolve("vgg");
        var r = ScaleSimCommandTest.run("run", Outputs.EXAMPLES.resolve("vgg16.yaml").toString(), "-o",
                out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Network net = ModelZoo.build("vgg16", 1, 224, 224);
        JsonNode s = Outputs.json(out.resolve("summary.json"));
        assertEquals(net.macs(), s.at("/totals/macs").asLong());
        assertEquals(net.nodes().size(), s.at("/totals/layers").asInt());
        assertEquals(256, s.at("/accelerator/array_rows").asInt());
        assertEquals("int8", s.at("/accelerator/datatype").asText());
        assertEquals("false", s.at("/provenance/settings/tensors").asText());
        assertTrue(r.out().contains("output       none (timing only)"), r.out());
    }

    @Test
    void alexnetInt8RunsEveryLayerInInt8AndEqualsTheInt8Reference() throws IOException {
        Path out = dir.resolve("alexnet-int8");
        var r = ScaleSimCommandTest.run("run", Outputs.EXAMPLES.resolve("alexnet-int8.yaml").toString(), "-o",
                out.toString(), "-q");
        assertEquals(0, r.code(), r.out() + r.err());
        Network net = ModelZoo.build("alexnet", 1, 112, 112);
        JsonNode s = Outputs.json(out.resolve("summary.json"));
        assertEquals(net.macs(), s.at("/totals/macs").asLong());
        assertEquals("int8", s.at("/accelerator/datatype").asText());
        assertEquals("true", s.at("/provenance/settings/tensors").asText());
        assertEquals("per_channel", s.at("/provenance/settings/weight_granularity").asText());
        assertEquals("true", s.at("/provenance/settings/fold_batch_norm").asText());
        assertTrue(r.out().contains("1x1000 int8, sha256 "), r.out());
        // simulation.verify: every layer's int8 output equals the int8 reference engine's
        assertTrue(r.out().contains("PASS: " + net.nodes().size() + " of " + net.nodes().size() + " layers equal"),
                r.out());
    }

    @Test
    void resnet50BatchFourRunsAllLayers() throws IOException {
        Path out = dir.resolve("resnet");
        var r = ScaleSimCommandTest.run("run", Outputs.EXAMPLES.resolve("resnet50.yaml").toString(), "-o",
                out.toString(), "-q", "--timing-only");
        assertEquals(0, r.code(), r.err());
        Network net = ModelZoo.build("resnet50", 4, 224, 224);
        var rows = Outputs.csv(out.resolve("layers.csv"));
        assertEquals(net.nodes().size(), rows.size() - 1);
        JsonNode s = Outputs.json(out.resolve("summary.json"));
        assertEquals("4x3x224x224", s.at("/input_shape").asText());
        assertEquals(net.macs(), s.at("/totals/macs").asLong());
        assertEquals(7, s.at("/provenance/seed").asLong());
        // 25.6 GB/s at 1 GHz is 25.6 bytes per cycle.
        assertEquals(25.6, s.at("/accelerator/dram_bytes_per_cycle").asDouble(), 1e-12);
        long stall = Outputs.column(rows, "stall_cycles").stream().mapToLong(Long::parseLong).sum();
        assertEquals(stall, s.at("/totals/stall_cycles").asLong());
    }

    @Test
    void theArraySweepExampleHasOneRowPerPointAndAgreesWithASingleRun() throws IOException {
        Path out = dir.resolve("sweep");
        var r = ScaleSimCommandTest.run("sweep", Outputs.EXAMPLES.resolve("sweep-array-size.yaml").toString(), "-o",
                out.toString(), "-q", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        var rows = Outputs.csv(out.resolve("sweep.csv"));
        assertEquals(3 * 3 * 2 + 1, rows.size());
        assertEquals(List.of("point", "accelerator_rows_pes", "accelerator_cols_pes", "accelerator_dataflow"),
                rows.get(0).subList(0, 4));
        // First field outermost: point 16 is rows 64 (index 2), cols 64 (index 2), os (index 0) = 2*6 + 2*2 + 0.
        assertEquals(List.of("16", "64", "64", "os"), rows.get(17).subList(0, 4));

        // The same configuration as a plain workload gives the same totals.
        Path single = Files.writeString(dir.resolve("single.yaml"), """
                model: {name: alexnet}
                accelerator: {preset: scalesim-32x32-os, rows: 64, cols: 64, dataflow: os}
                simulation: {convention: scalesim, tensors: false}
                """);
        assertEquals(0, ScaleSimCommandTest.run("run", single.toString(), "-o", dir.resolve("one").toString(), "-q")
                .code());
        JsonNode s = Outputs.json(dir.resolve("one/summary.json"));
        assertEquals(s.at("/totals/total_cycles").asText(), Outputs.column(rows, "total_cycles").get(16));
        assertEquals(s.at("/totals/dram_read_bytes").asText(), Outputs.column(rows, "dram_read_bytes").get(16));
    }
}
