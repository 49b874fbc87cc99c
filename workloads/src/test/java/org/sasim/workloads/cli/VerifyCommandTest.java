package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sasim verify}: exit 0 when every layer is within tolerance, 1 when one is not, 2 for int8 today. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    private static long lines(String out, String result) {
        return out.lines().filter(l -> l.endsWith("  " + result)).count();
    }

    @Test
    void bf16MiniAlexNetIsWithinTheOperandRoundingBound() {
        var r = ScaleSimCommandTest.run("verify", Outputs.EXAMPLES.resolve("mini_alexnet_npy.yaml").toString(), "-q");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(21, lines(r.out(), "PASS"), r.out());
        assertTrue(r.out().contains("PASS: 21 of 21 layers within tolerance (bf16 operand rounding bound"), r.out());
    }

    @Test
    void fp32PassesAtTheDefaultToleranceAndFailsAtZero() throws IOException {
        Path w = Files.writeString(dir.resolve("fp32.yaml"), Outputs.miniAlexNet(
                "accelerator:\n  preset: scalesim-32x32-ws\n  datatype: fp32\n  rows: 8\n  cols: 8"));
        var ok = ScaleSimCommandTest.run("verify", w.toString(), "-q");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertEquals(21, lines(ok.out(), "PASS"), ok.out());

        // Zero tolerance: fp32 accumulation on the array differs from the float64 reference in the last bits of
        // conv and linear outputs, while ReLU, pooling, flatten and dropout are exact.
        var strict = ScaleSimCommandTest.run("verify", w.toString(), "-q", "--tolerance", "0");
        assertEquals(1, strict.code(), strict.out() + strict.err());
        List<String> rows = strict.out().lines().toList();
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("conv1 ") && l.endsWith("FAIL")), strict.out());
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("relu1 ") && l.endsWith("PASS")), strict.out());
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("pool1 ") && l.endsWith("PASS")), strict.out());
        assertTrue(strict.out().contains("FAIL: "), strict.out());
    }

    @Test
    void int8IsABadInputNamingTheFileAndTheDatatypeField() throws IOException {
        Path w = Files.writeString(dir.resolve("int8.yaml"), Outputs.miniAlexNet(
                "accelerator:\n  preset: tpu-v1"));
        int line = List.of(Files.readString(w).split("\n")).indexOf("  preset: tpu-v1") + 1;
        var r = ScaleSimCommandTest.run("verify", w.toString(), "-q");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: " + w + ":" + line + ":11: accelerator.datatype: "), r.err());
        assertTrue(r.err().contains("int8"), r.err());
    }

    @Test
    void aNegativeToleranceIsRefused() {
        var r = ScaleSimCommandTest.run("verify", Outputs.EXAMPLES.resolve("mini_alexnet_npy.yaml").toString(), "-q",
                "--tolerance", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--tolerance"), r.err());
    }
}
