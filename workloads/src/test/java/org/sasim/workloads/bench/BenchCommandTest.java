package org.sasim.workloads.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.compute.SystolicArray;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.Im2colMapping;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;
import org.sasim.workloads.cli.SasimCommand;

/**
 * {@code sasim bench --quick} runs every group and writes a well-formed bench.json (the structure and the simulated
 * cycles are checked, never the timings, which depend on the machine and its load).
 */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickBenchWritesEveryGroupWithConsistentStatistics() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SasimCommand.execute(new PrintWriter(out), new PrintWriter(err), "bench", "--quick", "-o",
                dir.toString());
        assertEquals(SasimCommand.OK, code, err.toString());
        assertTrue(out.toString().contains("| group | case |"), out.toString());

        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("bench.json")));
        assertTrue(json.get("quick").asBoolean());
        JsonNode machine = json.get("machine");
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("cores").asInt());
        assertEquals(Runtime.getRuntime().maxMemory(), machine.get("maxHeapBytes").asLong());
        assertFalse(machine.get("jvmVersion").asText().isEmpty());
        assertFalse(machine.get("os").asText().isEmpty());

        Map<String, Integer> perGroup = new HashMap<>();
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode r : json.get("results")) {
            perGroup.merge(r.get("group").asText(), 1, Integer::sum);
            byName.put(r.get("group").asText() + "/" + r.get("name").asText(), r);
            String label = r.toString();
            assertTrue(r.get("repetitions").asInt() >= 1, label);
            assertTrue(r.get("minMillis").asDouble() <= r.get("medianMillis").asDouble(), label);
            assertTrue(r.get("medianMillis").asDouble() <= r.get("maxMillis").asDouble(), label);
            assertTrue(r.get("peakHeapBytes").asLong() > 0, label);
            assertTrue(r.get("simulatedCycles").asLong() > 0, label);
            assertTrue(r.get("simulatedCyclesPerSecond").asDouble() > 0, label);
        }
        // 3 networks x 2 arrays x 3 dataflows; 3 networks through the memory; 3 dataflows cycle-stepped
        assertEquals(18, perGroup.get("timing"));
        assertEquals(3, perGroup.get("memory"));
        assertEquals(3, perGroup.get("cycle-stepped"));
        assertTrue(perGroup.get("numerics") >= 1);

        // the timing case simulates what the fast engine's timing of ResNet-50's GEMM layers says
        Network resnet = ModelZoo.build("resnet50", 1, 224, 224);
        long cycles = 0;
        for (Node n : resnet.nodes()) {
            if (Im2colMapping.gemmOf(n).isPresent()) {
                cycles += SystolicArray.timing(n, new ArraySpec(32, 32, Dataflow.OUTPUT_STATIONARY),
                        TimingConvention.scaleSim()).cycles();
            }
        }
        assertEquals(cycles, byName.get("timing/resnet50 32x32 os").get("simulatedCycles").asLong());

        // every numerics datatype has its AlexNet cases in the quick suite, on the same 32x32 os accelerator; the
        // int8 case simulates the int8 network's cycles (1-byte operands: other DRAM traffic than fp32)
        Network alexnet = ModelZoo.build("alexnet", 1, 224, 224);
        for (Datatype dt : BenchSuite.NUMERIC_DATATYPES) {
            String name = "numerics/alexnet " + dt.name().toLowerCase(java.util.Locale.ROOT) + " 1 thread";
            assertTrue(byName.containsKey(name), byName.keySet().toString());
            Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY).withDatatype(dt);
            long expected = new NetworkSimulator(acc, SimulationOptions.defaults()).timing(alexnet).totalCycles();
            assertEquals(expected, byName.get(name).get("simulatedCycles").asLong(), name);
        }
        assertTrue(BenchSuite.NUMERIC_DATATYPES.contains(Datatype.INT8));
    }
}
