package org.sasim.models.tensor;

import java.nio.file.Path;

/**
 * A file that is not a {@code .npy} file sasim can read: bad magic, truncated header or data, Fortran order, an
 * unsupported dtype, or a shape that does not match the data. The message always starts with the file path.
 */
public class NpyFormatException extends IllegalArgumentException {
    private final transient Path file;

    public NpyFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
