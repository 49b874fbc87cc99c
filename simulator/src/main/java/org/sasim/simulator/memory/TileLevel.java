package org.sasim.simulator.memory;

/**
 * The loop level at which a layer is cut into tiles. The array's fold schedule is the nest
 * {@code for group, for column fold, for row fold, stream}; a tile is a contiguous run of it:
 * <ul>
 *   <li>{@link #GROUPS}: {@code span} whole groups (all folds of each);</li>
 *   <li>{@link #COLUMNS}: {@code span} consecutive column folds of one group, each with all its row folds;</li>
 *   <li>{@link #ROWS}: {@code span} consecutive row folds of one column fold;</li>
 *   <li>{@link #STREAM}: one fold's streamed dimension cut into chunks of {@code span} elements.</li>
 * </ul>
 * Tiles never reorder the folds, so the array's compute cycles and output bits do not depend on the tiling.
 */
public enum TileLevel {
    GROUPS,
    COLUMNS,
    ROWS,
    STREAM
}
