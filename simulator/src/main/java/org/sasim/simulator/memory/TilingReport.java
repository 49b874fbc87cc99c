package org.sasim.simulator.memory;

/**
 * The tiling a layer ran with.
 *
 * @param tiling             level and span
 * @param tiles              number of tiles
 * @param foldsPerTile       folds in the largest tile (a stream chunk counts as one fold)
 * @param tileRows           GEMM rows (M, output pixels) of the largest tile's output block
 * @param tileCols           GEMM columns (N, filters) of the largest tile's output block
 * @param tileK              reduction length (K) of the largest tile
 * @param ifmapTileBytes     largest IFMAP block held in one half (bytes)
 * @param filterTileBytes    largest filter block (bytes)
 * @param ofmapTileBytes     largest output/partial-sum block (bytes, accumulator words)
 * @param candidatesFeasible tilings that fit the scratchpads among those considered
 */
public record TilingReport(Tiling tiling, long tiles, long foldsPerTile, long tileRows, long tileCols, long tileK,
                           long ifmapTileBytes, long filterTileBytes, long ofmapTileBytes, int candidatesFeasible) {

    @Override
    public String toString() {
        return tiling + ": " + tiles + " tiles of <= " + foldsPerTile + " folds (M " + tileRows + ", N " + tileCols
                + ", K " + tileK + ")";
    }
}
