package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds randomly mutated workloads, SCALE-Sim configs and topologies to the command line ({@code validate},
 * {@code run} on a small layer list, {@code scalesim}) and checks that each ends in success or in positioned errors
 * with exit code 2: never an internal error, never a stack trace.
 */
class BadInputFuzzTest {
    private static final Path SCALESIM = ScaleSimCommandTest.SCALESIM;
    private static final Pattern POSITIONED = Pattern.compile("^error: .+:\\d+:\\d+: .+");
    private static final String[] REPLACEMENTS = {"", "-1", "0", "99999999999999999999999", "1e400", "x", "~",
        "[1, 2]", "{a: 1}", "\"\"", "true", "&a [*a]", "!!binary AAAA", ".nan", "1.5", "KiB", ",,,", ":", "- -"};

    @TempDir
    Path dir;

    @Test
    void mutatedInputsEndInSuccessOrPositionedErrors() throws IOException {
        Random rnd = new Random(20240611);
        List<String> workloads = new ArrayList<>();
        Path examples = Path.of(System.getProperty("sasim.root", "."), "workloads", "examples");
        for (String e : List.of("alexnet.yaml", "vgg16.yaml", "resnet50.yaml", "sweep-array-size.yaml")) {
            workloads.add(Files.readString(examples.resolve(e)));
        }
        workloads.add("""
                model:
                  input: [3, 16, 16]
                  layers:
                    - {name: c1, kind: conv2d, in_channels: 3, out_channels: 4, kernel: 3, padding: 1}
                    - {name: b1, kind: batchnorm2d, num_features: 4}
                    - {name: r1, kind: relu}
                    - {name: a, kind: add, inputs: [r1, c1]}
                    - {name: p, kind: globalavgpool}
                    - {name: f, kind: flatten}
                    - {name: fc, kind: linear, in_features: 4, out_features: 2}
                accelerator: {preset: eyeriss, dram_bandwidth: 2GB/s, ifmap_sram: 8KiB}
                simulation: {convention: scalesim, threads: 2, seed: 3}
                output: {formats: [csv]}
                """);
        String cfg = Files.readString(SCALESIM.resolve("scale_32x32_os.cfg"));
        String topo = Files.readString(SCALESIM.resolve("topologies/alexnet.csv"));
        String gemm = "Layer, M, N, K,\nfc1, 64, 128, 256,\nfc2, 64, 10, 128,\n";

        int cases = 0;
        int ok = 0;
        for (int i = 0; i < 700; i++) {
            byte[] w = mutate(workloads.get(i % workloads.size()), rnd);
            Path p = Files.write(dir.resolve("w" + i + ".yaml"), w);
            ok += check(p.toString(), run("validate", p.toString())) ? 1 : 0;
            cases++;
        }
        // `run` where it is cheap: the small layer list, with tensors, each case in its own output folder.
        String small = workloads.get(workloads.size() - 1);
        for (int i = 0; i < 300; i++) {
            Path p = Files.write(dir.resolve("r" + i + ".yaml"), mutate(small, rnd));
            ok += check(p.toString(), run("run", "-q", p.toString(), "-o", dir.resolve("run" + i).toString()))
                    ? 1 : 0;
            cases++;
        }
        for (int i = 0; i < 400; i++) {
            boolean mutateCfg = i % 2 == 0;
            boolean isGemm = i % 5 == 0;
            Path c = Files.write(dir.resolve("c" + i + ".cfg"), mutateCfg ? mutate(cfg, rnd) : cfg.getBytes());
            Path t = Files.write(dir.resolve("t" + i + ".csv"),
                    mutateCfg ? (isGemm ? gemm : topo).getBytes() : mutate(isGemm ? gemm : topo, rnd));
            List<String> args = new ArrayList<>(List.of("scalesim", "-q", "-c", c.toString(), "-t", t.toString(),
                    "-o", dir.resolve("out" + i).toString()));
            if (isGemm) {
                args.add("--gemm");
            }
            ok += check(c + " / " + t, run(args.toArray(String[]::new))) ? 1 : 0;
            cases++;
        }
        assertTrue(cases >= 1000);
        // Some mutations are harmless (e.g. a deleted comment line): both outcomes must occur.
        assertTrue(ok > 0 && ok < cases, "successes: " + ok + " of " + cases);
    }

    /** Asserts success or positioned errors; returns true on success. */
    private static boolean check(String what, ScaleSimCommandTest.Run r) {
        if (r.code() == 0) {
            return true;
        }
        assertEquals(2, r.code(), what + "\n" + r.err());
        assertTrue(!r.err().isBlank(), what);
        for (String line : r.err().split("\n")) {
            if (!line.startsWith("... and ")) {
                assertTrue(POSITIONED.matcher(line).matches(), what + ": unpositioned error line: " + line);
            }
        }
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), what + "\n" + r.err());
        return false;
    }

    private static ScaleSimCommandTest.Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SasimCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new ScaleSimCommandTest.Run(code, out.toString(), err.toString());
    }

    /** One to three random mutations of a text file. */
    static byte[] mutate(String text, Random rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            return new byte[0];
        }
        if (kind == 1) {
            byte[] garbage = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(garbage);
            return garbage;
        }
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n && !lines.isEmpty(); k++) {
            int at = rnd.nextInt(lines.size());
            String line = lines.get(at);
            switch (rnd.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> {
                    // swap a value for one of another type or size
                    int sep = Math.max(line.indexOf(':'), Math.max(line.indexOf('='), line.indexOf(',')));
                    String rep = REPLACEMENTS[rnd.nextInt(REPLACEMENTS.length)];
                    lines.set(at, sep < 0 ? rep : line.substring(0, sep + 1) + " " + rep);
                }
                case 3 -> {
                    // replace a digit run by a huge or negative number
                    lines.set(at, line.replaceFirst("[0-9]+", rnd.nextBoolean() ? "4294967296000" : "-7"));
                }
                case 4 -> {
                    // cut the line short
                    lines.set(at, line.substring(0, rnd.nextInt(line.length() + 1)));
                }
                case 5 -> {
                    // misspell a key
                    if (line.length() > 3) {
                        int c = rnd.nextInt(line.length() - 1);
                        lines.set(at, line.substring(0, c) + line.charAt(c + 1) + line.charAt(c)
                                + line.substring(c + 2));
                    }
                }
                default -> {
                    char[] junk = new char[1 + rnd.nextInt(5)];
                    for (int j = 0; j < junk.length; j++) {
                        junk[j] = (char) rnd.nextInt(0x3000);
                    }
                    lines.set(at, line + new String(junk));
                }
            }
        }
        byte[] out = String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (kind == 2 && out.length > 0) {
            out[rnd.nextInt(out.length)] = (byte) (0x80 + rnd.nextInt(0x80));
        }
        return out;
    }
}
