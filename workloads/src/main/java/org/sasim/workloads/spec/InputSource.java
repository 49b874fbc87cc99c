package org.sasim.workloads.spec;

import java.nio.file.Path;

/** Where a workload's input activation comes from. */
public sealed interface InputSource {
    /** A pseudo-random input from a seed. */
    record Seeded(long seed) implements InputSource {
    }

    /** An {@code .npy} file of the network's input shape (NCHW). */
    record NpyFile(Path file) implements InputSource {
    }
}
