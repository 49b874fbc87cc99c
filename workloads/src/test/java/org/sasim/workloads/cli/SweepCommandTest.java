package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sasim sweep}: rows in sweep order, the same bytes whatever the thread count. */
class SweepCommandTest {
    private static final String WORKLOAD = """
            model:
              input: [3, 32, 32]
              layers:
                - {name: c1, kind: conv2d, in_channels: 3, out_channels: 24, kernel: 3, padding: 1}
                - {name: r1, kind: relu}
                - {name: c2, kind: conv2d, in_channels: 24, out_channels: 40, kernel: 3, stride: 2}
                - {name: p, kind: globalavgpool}
                - {name: f, kind: flatten}
                - {name: fc, kind: linear, in_features: 40, out_features: 10}
            accelerator: {preset: scalesim-32x32-os, dram_bandwidth: 4}
            sweep:
              accelerator.rows: [4, 8, 16, 32]
              accelerator.dataflow: [os, ws, is]
              accelerator.ifmap_sram: [4KiB, 64KiB]
            """;

    @TempDir
    Path dir;

    @Test
    void outputIsByteIdenticalOnOneAndThreeThreads() throws IOException {
        Path w = Files.writeString(dir.resolve("w.yaml"), WORKLOAD);
        var one = ScaleSimCommandTest.run("sweep", w.toString(), "-o", dir.resolve("one").toString(), "-q", "-j", "1");
        var three = ScaleSimCommandTest.run("sweep", w.toString(), "-o", dir.resolve("three").toString(), "-q", "-j",
                "3");
        assertEquals(0, one.code(), one.err());
        assertEquals(0, three.code(), three.err());
        byte[] a = Files.readAllBytes(dir.resolve("one/sweep.csv"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("three/sweep.csv")));

        var rows = Outputs.csv(dir.resolve("one/sweep.csv"));
        assertEquals(4 * 3 * 2 + 1, rows.size());
        assertEquals(List.of("point", "accelerator_rows_pes", "accelerator_dataflow", "accelerator_ifmap_sram_bytes"),
                rows.get(0).subList(0, 4));
        // Last field fastest: point 7 = rows index 1 (8), dataflow index 0 (os), ifmap index 1 (64 KiB).
        assertEquals(List.of("7", "8", "os", "65536"), rows.get(8).subList(0, 4));
        // A 4 KiB IFMAP scratchpad cannot hold what 64 KiB holds: never fewer DRAM bytes with the smaller one.
        for (int i = 1; i < rows.size(); i += 2) {
            long small = Long.parseLong(Outputs.column(rows, "dram_read_bytes").get(i - 1));
            long large = Long.parseLong(Outputs.column(rows, "dram_read_bytes").get(i));
            assertEquals(true, small >= large, "point " + (i - 1));
        }
    }

    @Test
    void aBandwidthSweepTimedInFamiliesIsByteIdenticalOnOneAndThreeThreads() throws IOException {
        // the points of each rows x dataflow pair differ only in DRAM bandwidth and are timed together
        Path w = Files.writeString(dir.resolve("w.yaml"), WORKLOAD.replace("accelerator.ifmap_sram: [4KiB, 64KiB]",
                "accelerator.dram_bandwidth: [1, 4, 0.5, 16]"));
        var one = ScaleSimCommandTest.run("sweep", w.toString(), "-o", dir.resolve("one").toString(), "-q", "-j", "1");
        var three = ScaleSimCommandTest.run("sweep", w.toString(), "-o", dir.resolve("three").toString(), "-q", "-j",
                "3");
        assertEquals(0, one.code(), one.err());
        assertEquals(0, three.code(), three.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/sweep.csv")),
                Files.readAllBytes(dir.resolve("three/sweep.csv")));
        var rows = Outputs.csv(dir.resolve("one/sweep.csv"));
        assertEquals(4 * 3 * 4 + 1, rows.size());
        // within a family, rows stay in sweep order: point 2 of rows 4 / os is the 0.5 bytes/cycle one
        assertEquals(List.of("2", "4", "os", "0.5"), rows.get(3).subList(0, 4));
    }

    @Test
    void aWorkloadWithoutASweepGivesOneRow() throws IOException {
        Path w = Files.writeString(dir.resolve("w.yaml"), WORKLOAD.substring(0, WORKLOAD.indexOf("sweep:")));
        var r = ScaleSimCommandTest.run("sweep", w.toString(), "-o", dir.resolve("o").toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, Files.readAllLines(dir.resolve("o/sweep.csv")).size());
    }

    @Test
    void aPointTheAcceleratorCannotRunIsABadInputNamingThePointAndTheOtherPointsAreKept() throws IOException {
        Path w = Files.writeString(dir.resolve("w.yaml"), WORKLOAD.replace("[4KiB, 64KiB]", "[64KiB, 64B]"));
        var r = ScaleSimCommandTest.run("sweep", w.toString(), "-o", dir.resolve("o").toString(), "-q", "-j", "2");
        assertEquals(2, r.code(), r.out());
        // The input-stationary layer (point 5: rows 4, is, 64 B) needs more than 32-byte IFMAP halves.
        assertEquals(true, r.err().startsWith("error: " + w + ":10:14: accelerator: cannot run "), r.err());
        assertEquals(true, r.err().contains("(sweep point 5: accelerator.rows=4, accelerator.dataflow=is, "
                + "accelerator.ifmap_sram=64B)"), r.err());
        // Nothing lost: every point has its row; the 64 KiB points ran, the failed ones say why.
        var rows = Outputs.csv(dir.resolve("o/sweep.csv"));
        assertEquals(4 * 3 * 2 + 1, rows.size());
        List<String> errors = Outputs.column(rows, "error");
        List<String> cycles = Outputs.column(rows, "total_cycles");
        for (int i = 0; i < errors.size(); i += 2) {
            assertEquals("", errors.get(i), "64 KiB point " + i + " ran");
            assertEquals(true, Long.parseLong(cycles.get(i)) > 0, "point " + i);
        }
        assertEquals(true, errors.get(5).contains("cannot run"), errors.get(5));
        assertEquals("", cycles.get(5));
    }

    @Test
    void aSweepWhoseEveryPointFailsWritesNothing() throws IOException {
        Path w = Files.writeString(dir.resolve("w.yaml"), WORKLOAD.replace("[4KiB, 64KiB]", "[2B, 4B]"));
        var r = ScaleSimCommandTest.run("sweep", w.toString(), "-o", dir.resolve("o").toString(), "-q");
        assertEquals(2, r.code(), r.out());
        assertEquals(true, r.err().contains("cannot run"), r.err());
        assertEquals(false, Files.exists(dir.resolve("o/sweep.csv")));
    }
}
