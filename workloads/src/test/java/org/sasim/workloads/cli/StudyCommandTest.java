package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.reports.study.Studies;
import org.sasim.reports.study.Study;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.workloads.cli.ScaleSimCommandTest.Run;
import org.sasim.workloads.spec.AcceleratorPreset;

class StudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void listShowsEveryRegisteredStudy() {
        Run r = ScaleSimCommandTest.run("study", "--list");
        assertEquals(0, r.code(), r.err());
        for (Study s : Studies.all()) {
            assertTrue(r.out().contains(s.name() + " "), s.name());
        }
        assertEquals(8, Studies.all().size());
    }

    @Test
    void unknownStudyIsBadInputListingTheNames() {
        Run r = ScaleSimCommandTest.run("study", "kernel", "-o", dir.toString());
        assertEquals(SasimCommand.BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown study 'kernel'") && r.err().contains("kernel-size"), r.err());
    }

    @Test
    void badAcceleratorFileGetsPositionedErrors() throws Exception {
        Path acc = dir.resolve("acc.yaml");
        Files.writeString(acc, "preset: scalesim-32x32-ws\nrows: lots\ndram_bandwith: 20\n");
        Run r = ScaleSimCommandTest.run("study", "roofline", "-a", acc.toString(), "-o", dir.resolve("o").toString());
        assertEquals(SasimCommand.BAD_INPUT, r.code());
        assertTrue(r.err().contains(acc + ":2:7: accelerator.rows:"), r.err());
        assertTrue(r.err().contains(acc + ":3:1: accelerator.dram_bandwith: unknown key; did you mean "
                + "'dram_bandwidth'?"), r.err());
        assertTrue(!Files.exists(dir.resolve("o")));
    }

    @Test
    void acceleratorFileWithPresetAndOverridesIsTheOneStudied() throws Exception {
        Path acc = dir.resolve("acc.yaml");
        Files.writeString(acc, "accelerator:\n  preset: scalesim-32x32-ws\n  dram_bandwidth: 20\n");
        Path out = dir.resolve("roofline");
        Run r = ScaleSimCommandTest.run("study", "roofline", "-a", acc.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("summary.md"));
        // Ridge of 1,024 PEs at 20 bytes/cycle: 51.2 MACs per DRAM byte.
        assertTrue(md.contains("20 bytes/cycle") && md.contains("51.2 MACs per DRAM byte"), md);
        for (String f : new String[] {"roofline.png", "roofline.svg", "roofline.csv", "achieved_vs_attainable.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void presetNameWorksWithoutAFile() {
        assertEquals(AcceleratorPreset.TPU_V1.accelerator(), StudyCommand.accelerator("tpu-v1"));
        assertEquals(Dataflow.INPUT_STATIONARY, StudyCommand.accelerator("scalesim-32x32-is").array().dataflow());
    }
}
