package org.sasim.workloads.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.Npy;
import org.sasim.workloads.input.YamlField;
import org.sasim.workloads.input.YamlReader;

/**
 * Checks that {@code .npy} files named by a workload exist, are readable and have the shape the model needs. Each
 * file is read once per loader (sweep points share weights), and its shape or its problem remembered.
 */
final class NpyShapes {
    private final Map<Path, Object> seen = new HashMap<>();

    /** Records a problem at {@code field} unless {@code file} is a readable .npy of shape {@code expected}. */
    void expect(YamlReader r, YamlField field, Path file, Shape expected, String what) {
        Object s = seen.computeIfAbsent(file, NpyShapes::shapeOrProblem);
        if (s instanceof String problem) {
            r.problemNoValue(field, what + ": " + problem);
        } else if (!s.equals(expected)) {
            r.problemNoValue(field, what + ": " + file.getFileName() + " has shape " + s + ", the model needs "
                    + expected);
        }
    }

    private static Object shapeOrProblem(Path file) {
        if (!Files.isRegularFile(file)) {
            return "missing file " + file;
        }
        try {
            return Npy.read(file).shape();
        } catch (IOException | RuntimeException e) {
            // NpyFormatException messages start with the path already.
            return "unreadable .npy: " + e.getMessage();
        }
    }
}
