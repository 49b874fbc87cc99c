package org.sasim.simulator.memory;

/**
 * A tiling choice: the level of the fold nest at which tiles are cut and how much of that level one tile spans.
 *
 * @param level the loop level (see {@link TileLevel})
 * @param span  groups, column folds or row folds per tile, or streamed elements per tile for {@link TileLevel#STREAM}
 */
public record Tiling(TileLevel level, int span) {
    public Tiling {
        if (level == null || span <= 0) {
            throw new IllegalArgumentException("tiling needs a level and a positive span, got " + level + "/" + span);
        }
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + "x" + span;
    }
}
