package org.sasim.models;

import java.nio.file.Path;

/** Location of the read-only reference data, relative to the repository root that surefire passes in. */
public final class ReferenceData {
    private ReferenceData() {
    }

    /** {@code <repo>/../shared/reference}. */
    public static Path root() {
        return Path.of(System.getProperty("sasim.root", "."), "..", "shared", "reference").normalize();
    }

    /** {@code torch/vectors}: the single-layer PyTorch cases and their {@code index.json}. */
    public static Path vectors() {
        return root().resolve("torch").resolve("vectors");
    }

    /** {@code torch/mini_alexnet}: a small network with weights and every activation. */
    public static Path miniAlexnet() {
        return root().resolve("torch").resolve("mini_alexnet");
    }
}
