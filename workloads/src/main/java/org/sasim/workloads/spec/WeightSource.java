package org.sasim.workloads.spec;

import java.nio.file.Path;

/** Where a workload's weights come from. */
public sealed interface WeightSource {
    /** Pseudo-random weights from a seed (reproducible). */
    record Seeded(long seed) implements WeightSource {
    }

    /**
     * A folder of {@code .npy} files named {@code <layer>.weight.npy} and {@code <layer>.bias.npy} (batch norm:
     * also {@code .running_mean} and {@code .running_var}), PyTorch layouts.
     */
    record NpyDirectory(Path dir) implements WeightSource {
    }
}
