package org.sasim.workloads.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When {@link BenchRunner} stops warming up (times in ns; the rule is 2 runs within 15% of the fastest). */
class BenchRunnerTest {
    private static final long NONE = Long.MAX_VALUE;

    @Test
    void runsAtLeastTheWarmUpsACaseAsksFor() {
        assertTrue(BenchRunner.warmsUpAgain(3, 2, 100, 100, 100, 0));
    }

    @Test
    void stopsWhenTheLastTwoWarmUpsAreWithinFifteenPercentOfTheFastest() {
        // 3000, 110, 100 ms: 110 <= 1.15 * 100
        assertFalse(BenchRunner.warmsUpAgain(3, 3, 110, 100, 100, 0));
    }

    @Test
    void goesOnWhileRunsAreStillGettingFaster() {
        // 3000, 400, 200 ms: 400 > 1.15 * 200, the JIT is still catching up
        assertTrue(BenchRunner.warmsUpAgain(3, 3, 400, 200, 200, 200));
    }

    @Test
    void goesOnAfterASlowRunThatFollowsAFastOne() {
        // 3000, 100, 300 ms: the last run is 3x the fastest
        assertTrue(BenchRunner.warmsUpAgain(3, 3, 100, 300, 100, 0));
    }

    @Test
    void aSingleWarmUpIsNeverSettledByItself() {
        // one run so far: no second to compare, so a 1-warm-up case runs a second one
        assertTrue(BenchRunner.warmsUpAgain(1, 1, NONE, 500, 500, 0));
    }

    @Test
    void stopsAtFourTimesTheWarmUpsAskedFor() {
        assertFalse(BenchRunner.warmsUpAgain(3, 12, 400, 300, 100, 1_000_000_000L));
    }

    @Test
    void stopsAfterTwentySecondsOfExtraWarmUp() {
        assertFalse(BenchRunner.warmsUpAgain(3, 5, 400, 300, 100, 20_000_000_000L));
    }

    @Test
    void aCaseWithoutWarmUpsGetsNone() {
        assertFalse(BenchRunner.warmsUpAgain(0, 0, NONE, NONE, NONE, 0));
    }
}
