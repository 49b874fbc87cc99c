package org.sasim.simulator.network;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5 acceptance: AlexNet and VGG-16 at 224x224 end to end on the simulated datapath equal the reference engine
 * (fp32 within tolerance, int8 bit for bit). ResNet-50 runs in {@link BoundedMemoryTest}. This class has its own
 * surefire execution (simulator/pom.xml) with a 3 GB heap: VGG-16's fp32 weights alone are 553 MB, and its fc6
 * GEMM operands another 0.8 GB.
 */
class FullSizeNetworksTest {

    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "vgg16"})
    void simulatedOutputEqualsTheReference(String model) {
        FullSizeCheck.check(model);
    }
}
