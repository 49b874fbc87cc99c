package org.sasim.simulator.memory;

/**
 * Distinct input elements of im2col blocks of one layer ({@link IfmapFootprint#distinctElements}), memoised for
 * the candidate tilings of one plan: the candidates cut the same layer many ways, and every block decomposes into
 * image-channel pieces of which a layer has few distinct ones (a row fold's pixel range times a tap range), so
 * most counts are looked up instead of recounted. The finest tilings look up one block per tile (10^5 per
 * candidate), hence open-addressing tables of primitive keys rather than maps of boxed records. Not shared between
 * threads; lives as long as one plan, or in an {@link IfmapCountMemo} across the plans of one thread.
 */
final class IfmapBlockCounts {
    private final IfmapFootprint footprint;
    private final RangePairTable blocks = new RangePairTable();
    private final RangePairTable pieces = new RangePairTable();
    private final IfmapFootprint.ChannelCount memoPiece = this::piece;

    IfmapBlockCounts(IfmapFootprint footprint) {
        this.footprint = footprint;
    }

    /** Counts kept (blocks and pieces). */
    int size() {
        return blocks.size + pieces.size;
    }

    /** Distinct in-bounds input elements of rows [m0, m1) and columns [k0, k1) of one group's A. */
    long distinctElements(long m0, long m1, long k0, long k1) {
        long v = blocks.get(m0, m1, k0, k1);
        if (v < 0) {
            v = footprint.distinctElements(m0, m1, k0, k1, memoPiece);
            blocks.put(m0, m1, k0, k1, v);
        }
        return v;
    }

    /**
     * As {@link #distinctElements}, without looking the block up or storing it: for callers that memoise blocks
     * themselves (a tile's position within its column fold), whose blocks other candidates almost never repeat.
     * The image-channel pieces are still memoised.
     */
    long distinctElementsUnstored(long m0, long m1, long k0, long k1) {
        return footprint.distinctElements(m0, m1, k0, k1, memoPiece);
    }

    private long piece(long p0, long p1, long t0, long t1) {
        long v = pieces.get(p0, p1, t0, t1);
        if (v < 0) {
            v = footprint.perChannel(p0, p1, t0, t1);
            pieces.put(p0, p1, t0, t1, v);
        }
        return v;
    }

    /**
     * Non-negative counts keyed by two index ranges [a0, a1) x [b0, b1), each bound in [0, 2^31): linear probing
     * over two packed long keys, resized at half load.
     */
    private static final class RangePairTable {
        private long[] keyA = new long[64];
        private long[] keyB = new long[64];
        private long[] values = new long[64];
        private boolean[] used = new boolean[64];
        private int size;

        /** The stored count, or -1 when absent. */
        long get(long a0, long a1, long b0, long b1) {
            long ka = a0 << 32 | a1;
            long kb = b0 << 32 | b1;
            int mask = used.length - 1;
            for (int i = slot(ka, kb) & mask; used[i]; i = (i + 1) & mask) {
                if (keyA[i] == ka && keyB[i] == kb) {
                    return values[i];
                }
            }
            return -1;
        }

        void put(long a0, long a1, long b0, long b1, long value) {
            if (2 * (size + 1) > used.length) {
                grow();
            }
            insert(a0 << 32 | a1, b0 << 32 | b1, value);
        }

        private void insert(long ka, long kb, long value) {
            int mask = used.length - 1;
            int i = slot(ka, kb) & mask;
            while (used[i]) {
                if (keyA[i] == ka && keyB[i] == kb) {
                    values[i] = value;
                    return;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keyA[i] = ka;
            keyB[i] = kb;
            values[i] = value;
            size++;
        }

        private void grow() {
            long[] oa = keyA;
            long[] ob = keyB;
            long[] ov = values;
            boolean[] ou = used;
            int n = ou.length * 2;
            keyA = new long[n];
            keyB = new long[n];
            values = new long[n];
            used = new boolean[n];
            size = 0;
            for (int i = 0; i < ou.length; i++) {
                if (ou[i]) {
                    insert(oa[i], ob[i], ov[i]);
                }
            }
        }

        private static int slot(long ka, long kb) {
            long h = ka * 0x9E3779B97F4A7C15L + kb;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ h >>> 29 ^ h >>> 47);
        }
    }
}
