package org.sasim.workloads.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;

/**
 * Writes each layer's output to {@code DIR/<layer>.npy} as soon as the simulator hands it over, so a network's
 * activations are never held in memory together. Characters other than letters, digits, '.', '_' and '-' in a
 * layer name become '_' (a name can never leave the folder); a name taken already gets the layer's index appended.
 */
public final class ActivationDump implements BiConsumer<String, FloatTensor> {
    private final Path dir;
    private final Set<String> used = new HashSet<>();
    private int index;

    /** Dumps into {@code dir} (created on the first layer). */
    public ActivationDump(Path dir) {
        this.dir = dir;
    }

    @Override
    public void accept(String layer, FloatTensor output) {
        String name = fileName(layer);
        if (!used.add(name)) {
            name = name + "-" + index;
            used.add(name);
        }
        index++;
        try {
            Files.createDirectories(dir);
            Npy.write(dir.resolve(name + ".npy"), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of files written. */
    public int count() {
        return index;
    }

    static String fileName(String layer) {
        String s = layer.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
