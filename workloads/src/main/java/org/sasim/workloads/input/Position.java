package org.sasim.workloads.input;

/**
 * A place in an input file, as shown to the user.
 *
 * @param file   the file name as the user gave it (not made absolute, so messages match the command line)
 * @param line   1-based line
 * @param column 1-based column (in characters)
 */
public record Position(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
