package org.sasim.reports.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.reports.Fixtures;
import org.sasim.reports.ReportWriter;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;

class ResultFilesReaderTest {
    /** conv -> relu -> pool -> flatten -> linear: array and vector-unit layers, a re-view with no traffic. */
    static Network small() {
        return Network.of("small", Shape.nchw(1, 3, 16, 16), List.<Layer>of(
                Conv2d.square("conv", Layer.NETWORK_INPUT, 3, 8, 3, 1, 1, true),
                new Relu("relu", "conv"),
                MaxPool2d.square("pool", "relu", 2, 2, 0),
                new Flatten("flatten", "pool"),
                new Linear("fc", "flatten", 8 * 8 * 8, 10, true)));
    }

    @Test
    void readsBackExactlyTheRunTheWriterWrote(@TempDir Path dir) throws Exception {
        NetworkRun run = Fixtures.run();
        ReportWriter.writeResults(run, dir);
        assertEquals(run, ResultFilesReader.read(dir));
    }

    @Test
    void readsBackASimulatedRunWithUnlimitedBandwidthAndNonIntegralRatios(@TempDir Path dir) throws Exception {
        Accelerator a = Accelerator.scaleSim(8, 8, Dataflow.WEIGHT_STATIONARY);
        for (Accelerator acc : List.of(a, a.withMemory(a.memory().withInfiniteBandwidth()))) {
            Network n = small();
            NetworkRun run = SimulatedRun.of(n, acc, new NetworkSimulator(acc, SimulationOptions.defaults())
                    .timing(n), new Provenance("0.1.0", "ab".repeat(32), 7));
            Path d = dir.resolve(String.valueOf(acc.memory().dramBytesPerCycle()));
            ReportWriter.writeResults(run, d);
            assertEquals(run, ResultFilesReader.read(d));
        }
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) throws Exception {
        ReportWriter.writeResults(Fixtures.run(), dir);
        Files.delete(dir.resolve("layers.csv"));
        var e = assertThrows(RunFileException.class, () -> ResultFilesReader.read(dir));
        assertEquals(dir.resolve("layers.csv"), e.file());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void badNumberNamesLineAndColumn(@TempDir Path dir) throws Exception {
        ReportWriter.writeResults(Fixtures.run(), dir);
        Path csv = dir.resolve("layers.csv");
        List<String> lines = Files.readAllLines(csv);
        // Line 3 is the second layer (relu1); its stall_cycles (7th column) becomes text.
        String[] f = lines.get(2).split(",", -1);
        f[6] = "lots";
        lines.set(2, String.join(",", f));
        Files.write(csv, lines);
        var e = assertThrows(RunFileException.class, () -> ResultFilesReader.read(dir));
        assertEquals(3, e.line());
        assertEquals("stall_cycles", e.field());
        assertEquals(csv + ":3: stall_cycles: expected a whole number, got 'lots'", e.getMessage());
    }

    @Test
    void wrongHeaderNamesTheColumn(@TempDir Path dir) throws Exception {
        ReportWriter.writeResults(Fixtures.run(), dir);
        Path csv = dir.resolve("layers.csv");
        String text = Files.readString(csv).replaceFirst("stall_cycles", "stalls");
        Files.writeString(csv, text);
        var e = assertThrows(RunFileException.class, () -> ResultFilesReader.read(dir));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("expected 'stall_cycles', got 'stalls'"), e.getMessage());
    }

    @Test
    void totalsThatDisagreeWithTheLayersAreRejected(@TempDir Path dir) throws Exception {
        ReportWriter.writeResults(Fixtures.run(), dir);
        Path csv = dir.resolve("layers.csv");
        // Drop the last layer: summary.json now describes another run.
        List<String> lines = Files.readAllLines(csv);
        Files.write(csv, lines.subList(0, lines.size() - 1));
        var e = assertThrows(RunFileException.class, () -> ResultFilesReader.read(dir));
        assertEquals(dir.resolve("summary.json"), e.file());
        assertEquals("totals.layers", e.field());
    }

    @Test
    void malformedJsonNamesItsLine(@TempDir Path dir) throws Exception {
        ReportWriter.writeResults(Fixtures.run(), dir);
        Path json = dir.resolve("summary.json");
        Files.writeString(json, "{\n  \"model\": \"x\",\n  oops\n}\n");
        var e = assertThrows(RunFileException.class, () -> ResultFilesReader.read(dir));
        assertEquals(3, e.line());
    }

    @Test
    void missingAcceleratorFieldIsNamed(@TempDir Path dir) throws Exception {
        ReportWriter.writeResults(Fixtures.run(), dir);
        Path json = dir.resolve("summary.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"vector_lanes\"", "\"lanes\""));
        var e = assertThrows(RunFileException.class, () -> ResultFilesReader.read(dir));
        assertEquals("accelerator.vector_lanes", e.field());
    }
}
