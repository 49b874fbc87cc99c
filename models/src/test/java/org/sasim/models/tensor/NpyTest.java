package org.sasim.models.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sasim.models.graph.Shape;

class NpyTest {
    @TempDir
    Path dir;

    static Stream<Arguments> dtypesAndRanks() {
        List<Arguments> args = new ArrayList<>();
        for (DType t : DType.values()) {
            for (int rank = 0; rank <= 4; rank++) {
                args.add(Arguments.of(t, rank));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} rank {1}")
    @MethodSource("dtypesAndRanks")
    void roundTripsEveryDtypeAndRank(DType dtype, int rank) throws IOException {
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = 2 + i; // distinct extents catch transposed shapes
        }
        Tensor t = randomTensor(dtype, Shape.of(dims), 42 + rank);
        Path f = dir.resolve("t.npy");
        Npy.write(f, t);
        Tensor back = Npy.read(f);
        assertEquals(t, back);
        assertEquals(dtype, back.dtype());
        assertEquals(rank, back.shape().rank());
    }

    @Test
    void roundTripsSpecialValuesAndMultiChunkData() throws IOException {
        // 700k floats = 2.8 MB spans several 1 MiB transfer chunks, with a partial last chunk.
        float[] f = new float[700_001];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian();
        }
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE,
            Float.MAX_VALUE};
        System.arraycopy(specials, 0, f, f.length - specials.length, specials.length);
        FloatTensor t = new FloatTensor(Shape.of(f.length), f);
        Path p = dir.resolve("big.npy");
        Npy.write(p, t);
        assertEquals(t, Npy.read(p));

        long[] l = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};
        Npy.write(p, new LongTensor(Shape.of(5), l));
        assertArrayEquals(l, ((LongTensor) Npy.read(p)).data());
        int[] i = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
        Npy.write(p, new IntTensor(Shape.of(5), i));
        assertArrayEquals(i, ((IntTensor) Npy.read(p)).data());
        byte[] b = {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE};
        Npy.write(p, new ByteTensor(Shape.of(5), b));
        assertArrayEquals(b, ((ByteTensor) Npy.read(p)).data());
    }

    @Test
    void roundTripsEmptyTensor() throws IOException {
        Path p = dir.resolve("empty.npy");
        FloatTensor t = FloatTensor.zeros(Shape.of(2, 0, 3));
        Npy.write(p, t);
        assertEquals(t, Npy.read(p));
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        // np.save(f, np.arange(6, dtype='<f4').reshape(2, 3)): header padded with NumPy's growth space to 128 bytes.
        Path p = dir.resolve("a.npy");
        Npy.write(p, new FloatTensor(Shape.of(2, 3), new float[] {0, 1, 2, 3, 4, 5}));
        byte[] bytes = Files.readAllBytes(p);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        String expectedHeader = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        assertEquals(128 + 24, bytes.length);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0},
                Arrays.copyOf(bytes, 10));
        assertEquals(expectedHeader, new String(bytes, 10, 118, StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.wrap(bytes, 128, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertEquals(i, data.getFloat());
        }
        // Rank 0 and rank 1 tuple reprs.
        Npy.write(p, new DoubleTensor(Shape.of(), new double[] {3.5}));
        assertTrue(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("'shape': (), }"));
        Npy.write(p, new ByteTensor(Shape.of(5), new byte[5]));
        assertTrue(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)
                .contains("{'descr': '|i1', 'fortran_order': False, 'shape': (5,), }"));
    }

    @Test
    void switchesToVersion2WhenTheHeaderExceeds64KiB() throws IOException {
        int[] dims = new int[25_000]; // "1, " per axis: a ~75 kB header
        Arrays.fill(dims, 1);
        FloatTensor t = new FloatTensor(Shape.of(dims), new float[] {2.5f});
        Path p = dir.resolve("v2.npy");
        Npy.write(p, t);
        byte[] bytes = Files.readAllBytes(p);
        assertEquals(2, bytes[6]);
        int headerLength = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(0, (12 + headerLength) % 64);
        assertEquals(t, Npy.read(p));
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        byte[] data = le(4).putInt(-7).array();
        Path p2 = write("v2.npy", craft(2, 0, "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", data));
        assertArrayEquals(new int[] {-7}, ((IntTensor) Npy.read(p2)).data());
        // Version 3 headers are UTF-8; double quotes and no trailing comma are valid Python too.
        Path p3 = write("v3.npy", craft(3, 0, "{\"descr\": \"<i4\", \"shape\": (1, 1), \"fortran_order\": False}",
                data));
        IntTensor t = (IntTensor) Npy.read(p3);
        assertEquals(Shape.of(1, 1), t.shape());
        assertEquals(-7, t.data()[0]);
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("w.npy");
        Npy.write(p, new IntTensor(Shape.of(3), new int[] {1, 2, 3}));
        Npy.write(p, new IntTensor(Shape.of(2), new int[] {4, 5})); // replaces the existing file
        assertArrayEquals(new int[] {4, 5}, ((IntTensor) Npy.read(p)).data());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    // ---------------------------------------------------------------- errors on crafted bytes

    private static final String F4_2X2 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";

    @Test
    void rejectsBadMagic() throws IOException {
        byte[] b = craft(1, 0, F4_2X2, new byte[16]);
        b[1] = 'X';
        assertError(write("magic.npy", b), "bad magic");
        assertError(write("text.npy", "hello world, this is not numpy".getBytes(StandardCharsets.US_ASCII)),
                "bad magic");
        assertError(write("empty.npy", new byte[0]), "truncated header");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] full = craft(1, 0, F4_2X2, new byte[16]);
        assertError(write("prefix.npy", Arrays.copyOf(full, 9)), "truncated header");
        assertError(write("header.npy", Arrays.copyOf(full, 40)), "truncated header");
        assertError(write("magiconly.npy", Arrays.copyOf(full, 4)), "truncated header");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        assertError(write("data.npy", craft(1, 0, F4_2X2, new byte[15])), "truncated data");
        assertError(write("nodata.npy", craft(1, 0, F4_2X2, new byte[0])), "truncated data");
    }

    @Test
    void rejectsSizeMismatch() throws IOException {
        assertError(write("extra.npy", craft(1, 0, F4_2X2, new byte[20])), "shape/size mismatch");
        assertError(write("negative.npy", craft(1, 0,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -2), }", new byte[0])), "shape/size mismatch");
    }

    @Test
    void rejectsFortranOrder() throws IOException {
        assertError(write("fortran.npy", craft(1, 0,
                "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new byte[16])), "Fortran-order");
    }

    @Test
    void rejectsBigEndianAndUnsupportedDtypesNamingThem() throws IOException {
        assertError(write("be.npy", craft(1, 0,
                "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }", new byte[16])), "'>f4'");
        assertError(write("c8.npy", craft(1, 0,
                "{'descr': '<c8', 'fortran_order': False, 'shape': (2, 2), }", new byte[32])), "unsupported dtype '<c8'");
        assertError(write("u1.npy", craft(1, 0,
                "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }", new byte[4])), "unsupported dtype '|u1'");
        assertError(write("struct.npy", craft(1, 0,
                "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", new byte[8])),
                "unsupported dtype");
    }

    @Test
    void rejectsUnsupportedVersionAndMalformedHeaders() throws IOException {
        assertError(write("v4.npy", craft(4, 0, F4_2X2, new byte[16])), "unsupported format version 4.0");
        assertError(write("nokey.npy", craft(1, 0, "{'descr': '<f4', 'shape': (2, 2), }", new byte[16])),
                "missing key 'fortran_order'");
        assertError(write("junk.npy", craft(1, 0, "{'descr': '<f4', 'fortran_order': Maybe}", new byte[16])),
                "malformed header");
        assertError(write("unterminated.npy", craft(1, 0, "{'descr': '<f4', 'fortran_order': False", new byte[16])),
                "malformed header");
    }

    @Test
    void readFloatRejectsOtherDtypes() throws IOException {
        Path p = dir.resolve("i.npy");
        Npy.write(p, new IntTensor(Shape.of(1), new int[] {1}));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readFloat(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("<i4"), e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private static void assertError(Path file, String fragment) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        assertEquals(file, e.file());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A .npy file with the given version and header text (padded with spaces and a newline), then data. */
    static byte[] craft(int major, int minor, String header, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        byte[] text = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int total = text.length + 1;
        int pad = (64 - (prefix + total) % 64) % 64;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, (byte) minor});
        out.writeBytes(major == 1 ? le(2).putShort((short) (total + pad)).array() : le(4).putInt(total + pad).array());
        out.writeBytes(text);
        out.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static Tensor randomTensor(DType dtype, Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) shape.elements();
        switch (dtype) {
            case FLOAT32: {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) (r.nextGaussian() * 1e3);
                }
                return new FloatTensor(shape, a);
            }
            case FLOAT64: {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextGaussian() * 1e300;
                }
                return new DoubleTensor(shape, a);
            }
            case INT8: {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (byte) r.nextInt(256);
                }
                return new ByteTensor(shape, a);
            }
            case INT32: {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextInt();
                }
                return new IntTensor(shape, a);
            }
            case INT64: {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextLong();
                }
                return new LongTensor(shape, a);
            }
            default:
                throw new AssertionError(dtype);
        }
    }
}
