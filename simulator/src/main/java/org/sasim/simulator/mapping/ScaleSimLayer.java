package org.sasim.simulator.mapping;

import java.util.Arrays;
import java.util.List;

/**
 * One row of a SCALE-Sim v2 topology CSV: a convolution over an already-padded IFMAP, batch 1. Its GEMM uses
 * SCALE-Sim's output-size rule {@code E = ceil((H - F + S) / S)} per dimension.
 *
 * @param name       layer name
 * @param ifmapH     IFMAP height, padding included (pixels)
 * @param ifmapW     IFMAP width, padding included (pixels)
 * @param filterH    filter height (pixels)
 * @param filterW    filter width (pixels)
 * @param channels   input channels
 * @param numFilters filters (output channels)
 * @param strideH    row stride (pixels)
 * @param strideW    column stride (pixels); SCALE-Sim's optional 9th field, else equal to {@code strideH}
 */
public record ScaleSimLayer(String name, int ifmapH, int ifmapW, int filterH, int filterW, int channels,
                            int numFilters, int strideH, int strideW) {
    public ScaleSimLayer {
        if (ifmapH <= 0 || ifmapW <= 0 || filterH <= 0 || filterW <= 0 || channels <= 0 || numFilters <= 0
                || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("layer '" + name + "': all topology fields must be positive");
        }
        if (filterH > ifmapH || filterW > ifmapW) {
            throw new IllegalArgumentException("layer '" + name + "': filter " + filterH + "x" + filterW
                    + " is larger than the IFMAP " + ifmapH + "x" + ifmapW);
        }
    }

    /**
     * Parses a topology line {@code name, H, W, FH, FW, C, N, S,[ Sw,]} (trailing comma and spaces allowed).
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public static ScaleSimLayer parse(String line) {
        List<String> f = Arrays.stream(line.split(",", -1)).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (f.size() != 8 && f.size() != 9) {
            throw new IllegalArgumentException("topology row needs 8 or 9 fields, got " + f.size() + ": " + line);
        }
        int[] v = new int[f.size() - 1];
        String[] names = {"IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width", "Channels", "Num Filter",
            "Strides", "Column Stride"};
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Integer.parseInt(f.get(i + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layer '" + f.get(0) + "': field '" + names[i]
                        + "' is not an integer: '" + f.get(i + 1) + "'", e);
            }
        }
        return new ScaleSimLayer(f.get(0), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v.length == 8 ? v[7] : v[6]);
    }

    /** Output height {@code ceil((H - FH + S) / S)} (pixels). */
    public int outputH() {
        return (ifmapH - filterH + strideH + strideH - 1) / strideH;
    }

    /** Output width {@code ceil((W - FW + Sw) / Sw)} (pixels). */
    public int outputW() {
        return (ifmapW - filterW + strideW + strideW - 1) / strideW;
    }

    /** The GEMM: M = Eh*Ew, N = filters, K = FH*FW*C, one group. */
    public Gemm gemm() {
        return new Gemm(outputH() * outputW(), numFilters, filterH * filterW * channels, 1);
    }
}
