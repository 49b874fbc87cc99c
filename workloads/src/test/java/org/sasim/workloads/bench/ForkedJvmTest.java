package org.sasim.workloads.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bench cases run in a forked JVM come back whole, in plan order. */
class ForkedJvmTest {
    @Test
    void aResultLineReadsBackAsTheSameResult() {
        BenchResult r = new BenchResult("numerics", "resnet50 int8 1 thread", 7, 5, 0.1, 1e-300, 123456.789,
                Long.MAX_VALUE, 3_141_592_653L, Double.MIN_VALUE);
        assertEquals(r, ForkedJvm.parse(ForkedJvm.format(r)));
    }

    @Test
    void aLineThatIsNoResultIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ForkedJvm.parse("WARNING: Using incubator modules"));
        assertThrows(IllegalArgumentException.class, () -> ForkedJvm.parse(ForkedJvm.RESULT + "\tnumerics\tx"));
    }

    @Test
    void casesOfDifferentJvmsOrOfTheBenchsOwnAreRefused() {
        List<BenchCase> plan = BenchSuite.plan(true);
        List<BenchCase> mixed = List.of(plan.stream().filter(c -> c.jvm().equals("numerics int8")).findFirst()
                .orElseThrow(), plan.stream().filter(c -> c.jvm().equals("numerics fp32")).findFirst().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> ForkedJvm.run(mixed, true, r -> { }));
        List<BenchCase> own = List.of(plan.get(0));
        assertThrows(IllegalArgumentException.class, () -> ForkedJvm.run(own, true, r -> { }));
    }

    @Test
    void theQuickInt8CasesRunInAForkedJvmAndReturnInPlanOrder() {
        List<BenchCase> cases = BenchSuite.plan(true).stream().filter(c -> c.jvm().equals("numerics int8")).toList();
        List<String> planned = cases.stream().map(BenchCase::name).toList();
        List<String> seen = new ArrayList<>();
        List<BenchResult> results = ForkedJvm.run(cases, true, r -> seen.add(r.name()));
        assertTrue(planned.size() >= 1, planned.toString());
        assertEquals(planned, seen);
        assertEquals(planned, results.stream().map(BenchResult::name).toList());
        for (BenchResult r : results) {
            assertEquals("numerics", r.group());
            assertTrue(r.simulatedCycles() > 0 && r.peakHeapBytes() > 0, r.toString());
        }
    }
}
