package org.sasim.models.tensor;

/** Element types sasim stores. Names follow NumPy's dtype strings (little-endian). */
public enum DType {
    FLOAT32("<f4", 4),
    FLOAT64("<f8", 8),
    INT8("|i1", 1),
    INT32("<i4", 4),
    INT64("<i8", 8);

    private final String npyDescr;
    private final int bytes;

    DType(String npyDescr, int bytes) {
        this.npyDescr = npyDescr;
        this.bytes = bytes;
    }

    /** NumPy {@code descr} string, e.g. {@code <f4}. */
    public String npyDescr() {
        return npyDescr;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
