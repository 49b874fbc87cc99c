package org.sasim.models.graph;

/** A (height, width) pair: kernel size, stride, padding, dilation or a spatial output size. */
public record Dims2(int h, int w) {
    public static Dims2 square(int v) {
        return new Dims2(v, v);
    }

    public boolean isSquare() {
        return h == w;
    }

    @Override
    public String toString() {
        return h + "x" + w;
    }
}
