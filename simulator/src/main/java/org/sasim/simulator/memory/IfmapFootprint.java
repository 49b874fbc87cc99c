package org.sasim.simulator.memory;

import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;

/**
 * The input feature map as the IFMAP scratchpad sees it: the scratchpad holds raw input elements (N, C, H, W), not
 * the im2col matrix, and the array-edge feeder generates the im2col addresses. A block of the im2col matrix A (a
 * range of its rows = output pixels, a range of its columns = (c, kh, kw) taps) therefore costs as many scratchpad
 * words and DRAM words as the <em>distinct, in-bounds</em> input elements it touches: overlapping windows are
 * fetched once, padding taps are not fetched at all, and inputs skipped by a stride larger than the kernel are
 * never fetched.
 *
 * <p>Row m of A (per group) is {@code n*Ho*Wo + oh*Wo + ow}; column k is {@code c*kH*kW + kh*kW + kw}; the element
 * is input {@code (n, g*Cg + c, oh*sH - pH + kh*dH, ow*sW - pW + kw*dW)} when in bounds. A linear layer is the
 * 1x1 case on a 1x1 image with C = input features.
 *
 * @param batch     N
 * @param channels  input channels per group, Cg
 * @param height    input height H
 * @param width     input width W
 * @param outHeight Ho
 * @param outWidth  Wo
 * @param kernelH   kH
 * @param kernelW   kW
 * @param strideH   sH
 * @param strideW   sW
 * @param padH      pH (top; bottom padding is implied by Ho)
 * @param padW      pW
 * @param dilationH dH
 * @param dilationW dW
 */
public record IfmapFootprint(int batch, int channels, int height, int width, int outHeight, int outWidth,
                             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                             int dilationH, int dilationW) {

    /** The footprint geometry of a conv or linear node. */
    public static IfmapFootprint of(Node node) {
        if (node.layer() instanceof Conv2d c) {
            Shape in = node.inputShapes().get(0);
            Shape out = node.outputShape();
            return new IfmapFootprint(in.batch(), c.inChannelsPerGroup(), in.height(), in.width(), out.height(),
                    out.width(), c.kernel().h(), c.kernel().w(), c.stride().h(), c.stride().w(), c.padding().h(),
                    c.padding().w(), c.dilation().h(), c.dilation().w());
        }
        if (node.layer() instanceof Linear l) {
            return linear(node.outputShape().batch(), l.inFeatures());
        }
        throw new IllegalArgumentException("layer '" + node.name() + "' (" + node.layer().kind()
                + ") does not run on the array");
    }

    /** A linear layer: {@code batch} rows of {@code features} inputs. */
    public static IfmapFootprint linear(int batch, int features) {
        return new IfmapFootprint(batch, features, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1);
    }

    /** Rows of A per group: N * Ho * Wo. */
    public long gemmRows() {
        return (long) batch * outHeight * outWidth;
    }

    /** Columns of A per group: Cg * kH * kW. */
    public long gemmK() {
        return (long) channels * kernelH * kernelW;
    }

    /** Distinct in-bounds input elements used by the whole layer, per group (the compulsory IFMAP words). */
    public long compulsoryElementsPerGroup() {
        return distinctElements(0, gemmRows(), 0, gemmK());
    }

    /**
     * Distinct in-bounds input elements touched by rows [m0, m1) and columns [k0, k1) of one group's A.
     * Cost: a few passes over the input rows the block touches, independent of the number of channels and images.
     */
    public long distinctElements(long m0, long m1, long k0, long k1) {
        return distinctElements(m0, m1, k0, k1, this::perChannel);
    }

    /**
     * One image and one channel: distinct in-bounds input elements of pixel range [p0, p1) of the Ho x Wo output
     * and tap range [t0, t1) of kH x kW. Blocks decompose into these, so a caller may memoise them.
     */
    @FunctionalInterface
    interface ChannelCount {
        long count(long p0, long p1, long t0, long t1);
    }

    /** As {@link #distinctElements(long, long, long, long)}, counting each image-channel piece with {@code per}. */
    long distinctElements(long m0, long m1, long k0, long k1, ChannelCount per) {
        if (m0 >= m1 || k0 >= k1) {
            return 0;
        }
        long pixels = (long) outHeight * outWidth;
        long n0 = m0 / pixels;
        long n1 = (m1 - 1) / pixels;
        if (n0 == n1) {
            return perImage(m0 - n0 * pixels, m1 - n0 * pixels, k0, k1, per);
        }
        long total = perImage(m0 - n0 * pixels, pixels, k0, k1, per) + perImage(0, m1 - n1 * pixels, k0, k1, per);
        long fullImages = n1 - n0 - 1;
        if (fullImages > 0) {
            total += fullImages * perImage(0, pixels, k0, k1, per);
        }
        return total;
    }

    /** One image, local pixel range [p0, p1), columns [k0, k1) over possibly many channels. */
    private long perImage(long p0, long p1, long k0, long k1, ChannelCount per) {
        long taps = (long) kernelH * kernelW;
        long c0 = k0 / taps;
        long c1 = (k1 - 1) / taps;
        if (c0 == c1) {
            return per.count(p0, p1, k0 - c0 * taps, k1 - c0 * taps);
        }
        long total = per.count(p0, p1, k0 - c0 * taps, taps) + per.count(p0, p1, 0, k1 - c1 * taps);
        long fullChannels = c1 - c0 - 1;
        if (fullChannels > 0) {
            total += fullChannels * per.count(p0, p1, 0, taps);
        }
        return total;
    }

    /** One image and one channel: pixel range [p0, p1) of the Ho x Wo output, tap range [t0, t1) of kH x kW. */
    long perChannel(long p0, long p1, long t0, long t1) {
        int[][] pix = rowMajorRects(p0, p1, outWidth);
        int[][] tap = rowMajorRects(t0, t1, kernelW);
        int sets = 0;
        long[][] ihSets = new long[9][];
        long[][] iwSets = new long[9][];
        int ihMin = Integer.MAX_VALUE;
        int ihMax = Integer.MIN_VALUE;
        for (int[] p : pix) {
            for (int[] t : tap) {
                long[] ih = sumset(p[0], p[1], strideH, t[0], t[1], dilationH, padH, height);
                long[] iw = sumset(p[2], p[3], strideW, t[2], t[3], dilationW, padW, width);
                if (ih == null || iw == null) {
                    continue;
                }
                ihSets[sets] = ih;
                iwSets[sets] = iw;
                sets++;
                ihMin = Math.min(ihMin, firstBit(ih));
                ihMax = Math.max(ihMax, lastBit(ih));
            }
        }
        if (sets == 0) {
            return 0;
        }
        long count = 0;
        long[] row = new long[words(width)];
        for (int y = ihMin; y <= ihMax; y++) {
            java.util.Arrays.fill(row, 0L);
            boolean any = false;
            for (int s = 0; s < sets; s++) {
                if ((ihSets[s][y >>> 6] & (1L << y)) != 0) {
                    long[] w = iwSets[s];
                    for (int i = 0; i < row.length; i++) {
                        row[i] |= w[i];
                    }
                    any = true;
                }
            }
            if (any) {
                for (long v : row) {
                    count += Long.bitCount(v);
                }
            }
        }
        return count;
    }

    /**
     * Splits a row-major range [a, b) over a grid of width {@code w} into at most 3 rectangles, each
     * {rowFirst, rowLast, colFirst, colLast} inclusive.
     */
    static int[][] rowMajorRects(long a, long b, int w) {
        int r0 = (int) (a / w);
        int c0 = (int) (a % w);
        int r1 = (int) ((b - 1) / w);
        int c1 = (int) ((b - 1) % w);
        if (r0 == r1) {
            return new int[][] {{r0, r0, c0, c1}};
        }
        java.util.List<int[]> out = new java.util.ArrayList<>(3);
        int fullFrom = r0;
        if (c0 > 0) {
            out.add(new int[] {r0, r0, c0, w - 1});
            fullFrom = r0 + 1;
        }
        int fullTo = r1;
        if (c1 < w - 1) {
            fullTo = r1 - 1;
        }
        if (fullFrom <= fullTo) {
            out.add(new int[] {fullFrom, fullTo, 0, w - 1});
        }
        if (c1 < w - 1) {
            out.add(new int[] {r1, r1, 0, c1});
        }
        return out.toArray(new int[0][]);
    }

    /** Bitset of {o*stride + t*dil - pad : o in [o0,o1], t in [t0,t1]} within [0, extent); null if empty. */
    private static long[] sumset(int o0, int o1, int stride, int t0, int t1, int dil, int pad, int extent) {
        long[] bits = new long[words(extent)];
        boolean any = false;
        for (int t = t0; t <= t1; t++) {
            int base = t * dil - pad;
            for (int o = o0; o <= o1; o++) {
                int x = o * stride + base;
                if (x >= extent) {
                    break;
                }
                if (x >= 0) {
                    bits[x >>> 6] |= 1L << x;
                    any = true;
                }
            }
        }
        return any ? bits : null;
    }

    private static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    private static int firstBit(long[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0) {
                return i * 64 + Long.numberOfTrailingZeros(b[i]);
            }
        }
        return -1;
    }

    private static int lastBit(long[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != 0) {
                return i * 64 + 63 - Long.numberOfLeadingZeros(b[i]);
            }
        }
        return -1;
    }

    /**
     * Equal when every component is (as a record's own equals). Written out because the generated one is bootstrapped
     * through method handles whose classes the JVM generates at first use: ~0.1 s of a one-run process, which keys
     * repeated layers and IFMAP counts by geometry.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof IfmapFootprint f && batch == f.batch && channels == f.channels && height == f.height
                && width == f.width && outHeight == f.outHeight && outWidth == f.outWidth && kernelH == f.kernelH
                && kernelW == f.kernelW && strideH == f.strideH && strideW == f.strideW && padH == f.padH
                && padW == f.padW && dilationH == f.dilationH && dilationW == f.dilationW;
    }

    /** {@code Arrays.hashCode} of the components in order, without building the array on every lookup. */
    @Override
    public int hashCode() {
        int h = 1;
        h = 31 * h + batch;
        h = 31 * h + channels;
        h = 31 * h + height;
        h = 31 * h + width;
        h = 31 * h + outHeight;
        h = 31 * h + outWidth;
        h = 31 * h + kernelH;
        h = 31 * h + kernelW;
        h = 31 * h + strideH;
        h = 31 * h + strideW;
        h = 31 * h + padH;
        h = 31 * h + padW;
        h = 31 * h + dilationH;
        return 31 * h + dilationW;
    }
}
