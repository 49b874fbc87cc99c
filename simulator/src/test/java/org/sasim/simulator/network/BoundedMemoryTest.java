package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 5: a full fp32 (and int8) ResNet-50 tensor simulation at 224x224 runs in a 1 GB heap, tensors dropped after
 * their last consumer, nothing per cycle kept; its output equals the reference engine's. This class has its own
 * surefire execution with {@code -Xmx1g} (simulator/pom.xml); the first assertion makes sure it really ran there.
 */
class BoundedMemoryTest {

    @Test
    void resnet50RunsInAOneGigabyteHeapAndEqualsTheReference() {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= 1L << 30, () -> "this test must run with -Xmx1g, max heap is " + max + " bytes");
        FullSizeCheck.check("resnet50");
    }
}
