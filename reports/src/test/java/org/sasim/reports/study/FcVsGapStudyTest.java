package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Network;

class FcVsGapStudyTest {
    @Test
    void gapHeadRemovesExactlyTheFcParams() {
        Network fc = FcVsGapStudy.vgg16();
        Network gap = FcVsGapStudy.vgg16Gap();
        long fcHead = (25_088L * 4096 + 4096) + (4096L * 4096 + 4096) + (4096L * 1000 + 1000);
        assertEquals(fcHead, FcVsGapStudy.linearParams(fc));
        assertEquals(512L * 1000 + 1000, FcVsGapStudy.linearParams(gap));
        assertEquals(fcHead - (512L * 1000 + 1000), fc.params() - gap.params());
        assertEquals(138_357_544L, fc.params());
        assertEquals(fc.outputShape(), gap.outputShape());
    }
}
