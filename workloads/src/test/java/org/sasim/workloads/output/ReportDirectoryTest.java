package org.sasim.workloads.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.workloads.cli.UserError;

class ReportDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void writesIntoTheDirectoryThenIntoNewRunFolders() throws IOException {
        ReportDirectory out = new ReportDirectory(dir.resolve("o"));
        assertEquals(dir.resolve("o"), out.publish(List.of(ReportFile.text("a.csv", "1\n"))));
        assertEquals(dir.resolve("o/run-2"), out.publish(List.of(ReportFile.text("a.csv", "2\n"))));
        assertEquals(dir.resolve("o/run-3"), out.publish(List.of(ReportFile.text("a.csv", "3\n"))));
        assertEquals("1\n", Files.readString(dir.resolve("o/a.csv")));
        assertEquals("2\n", Files.readString(dir.resolve("o/run-2/a.csv")));
    }

    @Test
    void aFailingWriterLeavesNothingBehind() throws IOException {
        ReportDirectory out = new ReportDirectory(dir);
        ReportFile bad = new ReportFile("b.csv", s -> {
            s.write("half".getBytes());
            throw new IOException("disk full");
        });
        UserError e = assertThrows(UserError.class, () -> out.publish(List.of(ReportFile.text("a.csv", "x"), bad)));
        assertEquals(List.of(dir.toAbsolutePath() + ": writing reports failed: disk full"), e.problems());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void namesCannotLeaveTheDirectory() {
        for (String n : List.of("../x.csv", "a/b.csv", "..", ".hidden", "")) {
            assertThrows(IllegalArgumentException.class, () -> ReportFile.text(n, "x"), n);
        }
    }

    @Test
    void anExistingFileAsOutputDirectoryIsAUserError() throws IOException {
        Path f = Files.writeString(dir.resolve("f"), "x");
        assertThrows(UserError.class, () -> new ReportDirectory(f).publish(List.of(ReportFile.text("a", "1"))));
        assertFalse(Files.isDirectory(f));
    }

    @Test
    void aStagedSetWithASubfolderIsPublishedTogetherAndNeverOverwritten() throws IOException {
        ReportDirectory out = new ReportDirectory(dir);
        ReportDirectory.StagedWriter writer = staging -> {
            Files.writeString(staging.resolve("summary.json"), "{}");
            Files.createDirectories(staging.resolve("activations"));
            Files.writeString(staging.resolve("activations/conv1.npy"), "x");
            Files.writeString(staging.resolve(".partial.tmp"), "temporary");
        };
        assertEquals(dir, out.publish(writer));
        assertEquals("x", Files.readString(dir.resolve("activations/conv1.npy")));
        assertFalse(Files.exists(dir.resolve(".partial.tmp")));
        assertEquals(dir.resolve("run-2"), out.publish(writer));
        assertEquals("x", Files.readString(dir.resolve("run-2/activations/conv1.npy")));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("activations", "run-2", "summary.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aStagedWriterFailingMidwayLeavesNothingBehind() throws IOException {
        ReportDirectory out = new ReportDirectory(dir);
        assertThrows(IllegalStateException.class, () -> out.publish(staging -> {
            Files.writeString(staging.resolve("layers.csv"), "half");
            throw new IllegalStateException("simulation failed");
        }));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }
}
