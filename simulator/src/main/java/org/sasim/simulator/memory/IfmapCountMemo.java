package org.sasim.simulator.memory;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distinct-input-element counts of IFMAP blocks ({@link IfmapFootprint#distinctElements}) kept from one layer plan
 * to the next, per input geometry. A sweep plans the same layers on many arrays, and the image-channel pieces its
 * blocks decompose into recur from one array to the next (e.g. an output-stationary layer's pieces come from its row
 * folds and stream chunks, never from the number of columns), so most are looked up instead of recounted.
 *
 * <p>A count is a function of the geometry and the ranges alone, so a memo never changes a result, only how often
 * one is counted. Bounded: at most {@link #MAX_GEOMETRIES} geometries, and when a plan starts, at most
 * {@link #MAX_COUNTS} counts over the other geometries (the least recently planned ones are dropped first; one plan
 * may add more, as a plan without a memo does). Not thread-safe: one per thread.
 */
public final class IfmapCountMemo {
    /** Most input geometries kept (ResNet-50 has about two dozen distinct conv and linear inputs). */
    static final int MAX_GEOMETRIES = 64;
    /** Most counts kept besides the planned geometry's (tables of at most about 25 bytes per count each, x4). */
    static final int MAX_COUNTS = 1 << 18;

    /** In access order: the least recently planned geometry first. */
    private final Map<IfmapFootprint, IfmapBlockCounts> byGeometry = new LinkedHashMap<>(16, 0.75f, true);

    /** The counts of {@code footprint}: kept ones or new ones; drops others beyond the bounds. */
    IfmapBlockCounts counts(IfmapFootprint footprint) {
        IfmapBlockCounts c = byGeometry.get(footprint);
        if (c == null || c.size() > MAX_COUNTS) {
            c = new IfmapBlockCounts(footprint);
            byGeometry.put(footprint, c);
        }
        long others = 0;
        for (IfmapBlockCounts k : byGeometry.values()) {
            others += k == c ? 0 : k.size();
        }
        Iterator<IfmapBlockCounts> eldest = byGeometry.values().iterator();
        while (byGeometry.size() > 1 && (byGeometry.size() > MAX_GEOMETRIES || others > MAX_COUNTS)) {
            IfmapBlockCounts k = eldest.next();
            if (k != c) {
                others -= k.size();
                eldest.remove();
            }
        }
        return c;
    }

    /** Geometries kept now. */
    int geometries() {
        return byGeometry.size();
    }
}
