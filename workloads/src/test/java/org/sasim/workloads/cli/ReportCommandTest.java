package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.reports.ReportWriter;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.Provenance;
import org.sasim.reports.run.SimulatedRun;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;
import org.sasim.workloads.cli.ScaleSimCommandTest.Run;

class ReportCommandTest {
    /** AlexNet at 96x96 on a 16x16 array: array and vector-unit layers; simulated once for all tests. */
    private static final NetworkRun RUN = simulate();

    @TempDir
    Path dir;
    private final NetworkRun run = RUN;

    private static NetworkRun simulate() {
        Network n = ModelZoo.build("alexnet", 1, 96, 96);
        Accelerator a = Accelerator.scaleSim(16, 16, Dataflow.OUTPUT_STATIONARY);
        return SimulatedRun.of(n, a, new NetworkSimulator(a, SimulationOptions.defaults()).timing(n),
                new Provenance("test", "00ff", 1));
    }

    @BeforeEach
    void writeARunDirectory() throws Exception {
        ReportWriter.writeResults(run, dir);
    }

    @Test
    void writesASelfContainedReportWithThePerLayerTable() throws Exception {
        Run r = ScaleSimCommandTest.run("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        Path html = dir.resolve("report.html");
        assertTrue(r.out().contains("wrote " + html), r.out());
        String text = Files.readString(html);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        String noNamespaces = text.replaceAll("xmlns(:\\w+)?=(\"[^\"]*\"|'[^']*')", "");
        assertFalse(Pattern.compile("(?i)(https?:|ftp:|url\\((?!#))").matcher(noNamespaces).find());
        assertEquals(0, doc.getElementsByTagName("script").getLength() + doc.getElementsByTagName("img")
                .getLength() + doc.getElementsByTagName("link").getLength());
        // One table row per layer, in order, named as in layers.csv.
        String body = doc.getDocumentElement().getTextContent();
        int at = 0;
        for (var l : run.layers()) {
            at = body.indexOf(l.name(), at);
            assertTrue(at >= 0, l.name() + " missing from the table");
        }
        assertTrue(doc.getElementsByTagName("svg").getLength() >= 4);
        for (String c : List.of("cycles", "utilization", "dram_bandwidth", "roofline")) {
            assertTrue(Files.exists(dir.resolve("charts").resolve(c + ".png")), c);
        }
    }

    @Test
    void missingSummaryIsBadInputNamingTheFile() throws Exception {
        Files.delete(dir.resolve("summary.json"));
        Run r = ScaleSimCommandTest.run("report", dir.toString());
        assertEquals(SasimCommand.BAD_INPUT, r.code());
        assertEquals("error: " + dir.resolve("summary.json") + ": missing (a run directory holds the layers.csv "
                + "and summary.json that 'sasim run' writes)\n", r.err().replace("\r", ""));
        assertFalse(Files.exists(dir.resolve("report.html")));
    }

    @Test
    void badFieldIsBadInputNamingFileLineAndColumn() throws Exception {
        Path csv = dir.resolve("layers.csv");
        List<String> lines = Files.readAllLines(csv);
        lines.set(4, lines.get(4).replaceFirst("^([^,]*,[^,]*,[^,]*,)[^,]*", "$1-3"));
        Files.write(csv, lines);
        Run r = ScaleSimCommandTest.run("report", dir.toString());
        assertEquals(SasimCommand.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("error: " + csv + ":5: layer '"), r.err());
        assertTrue(r.err().contains("negative count"), r.err());
        assertFalse(r.err().contains("at org."), "no stack trace");
    }

    @Test
    void missingDirectoryIsBadInput() {
        Run r = ScaleSimCommandTest.run("report", dir.resolve("nope").toString());
        assertEquals(SasimCommand.BAD_INPUT, r.code());
        assertTrue(r.err().contains("no such directory"), r.err());
    }
}
