package org.sasim.models.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sasim.models.graph.Shape;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0; little-endian, C order; dtypes
 * {@code <f4}, {@code <f8}, {@code |i1}, {@code <i4}, {@code <i8}).
 *
 * <p>Files are written exactly as NumPy's {@code np.save} writes them (same header text, growth padding and 64-byte
 * alignment), so a file read and written again is byte-identical. Data moves in bulk through a fixed-size
 * {@link ByteBuffer} (1 MiB), never element by element through a stream.
 *
 * <p>Every format problem is reported as an {@link NpyFormatException} whose message starts with the file path.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the start of the data to this many bytes. */
    private static final int ARRAY_ALIGN = 64;
    /** NumPy leaves room for the first axis to grow to this many digits, so appending can rewrite the header. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Largest header we accept; real headers are ~128 bytes, anything huge is corruption. */
    private static final long MAX_HEADER_BYTES = 1 << 20;
    /** Transfer buffer size: a multiple of every item size. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** Largest Java array (some VMs reserve a few header words). */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final Set<String> HEADER_KEYS = Set.of("descr", "fortran_order", "shape");

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file into a tensor of the matching type ({@code <f4} to {@link FloatTensor}, {@code <f8}
     * to {@link DoubleTensor}, {@code |i1} to {@link ByteTensor}, {@code <i4} to {@link IntTensor}, {@code <i8} to
     * {@link LongTensor}). A 0-d array becomes a tensor of rank 0 with one element.
     *
     * @throws NpyFormatException for a malformed or unsupported file (message starts with the path)
     * @throws IOException        when the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(12, fileSize)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, prefix);
            prefix.flip();
            for (int i = 0; i < MAGIC.length; i++) {
                if (i >= prefix.limit()) {
                    throw new NpyFormatException(file, "truncated header: file has only " + fileSize + " bytes");
                }
                if (prefix.get(i) != MAGIC[i]) {
                    throw new NpyFormatException(file, "not a .npy file (bad magic; expected \\x93NUMPY)");
                }
            }
            if (prefix.limit() < 8) {
                throw new NpyFormatException(file, "truncated header: file has only " + fileSize + " bytes");
            }
            int major = prefix.get(6) & 0xff;
            int minor = prefix.get(7) & 0xff;
            int lengthBytes;
            if (major == 1 && minor == 0) {
                lengthBytes = 2;
            } else if ((major == 2 || major == 3) && minor == 0) {
                lengthBytes = 4;
            } else {
                throw new NpyFormatException(file, "unsupported format version " + major + "." + minor
                        + " (sasim reads 1.0, 2.0 and 3.0)");
            }
            int prefixLength = 8 + lengthBytes;
            if (prefix.limit() < prefixLength) {
                throw new NpyFormatException(file, "truncated header: file has only " + fileSize + " bytes");
            }
            long headerLength = lengthBytes == 2 ? prefix.getShort(8) & 0xffffL : prefix.getInt(8) & 0xffffffffL;
            if (headerLength > MAX_HEADER_BYTES) {
                throw new NpyFormatException(file, "header length " + headerLength + " is implausibly large");
            }
            if (prefixLength + headerLength > fileSize) {
                throw new NpyFormatException(file, "truncated header: it declares " + headerLength
                        + " bytes but only " + (fileSize - prefixLength) + " follow the prefix");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            ch.position(prefixLength);
            readFully(file, ch, headerBytes);
            // Versions 1 and 2 store the header in Latin-1, version 3 in UTF-8.
            String header = new String(headerBytes.array(), major == 3 ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1);
            Header h = parseHeader(file, header);

            long dataStart = prefixLength + headerLength;
            long needed = h.elements * h.dtype.bytes();
            long available = fileSize - dataStart;
            if (available < needed) {
                throw new NpyFormatException(file, "truncated data: shape " + pyShape(h.shape) + " of "
                        + h.dtype.npyDescr() + " needs " + needed + " bytes but the file holds " + available);
            }
            if (available > needed) {
                throw new NpyFormatException(file, "shape/size mismatch: shape " + pyShape(h.shape) + " of "
                        + h.dtype.npyDescr() + " needs " + needed + " bytes but the file holds " + available);
            }
            ch.position(dataStart);
            return readData(file, ch, h);
        }
    }

    /**
     * Reads a {@code .npy} file that must hold float32 ({@code <f4}) data.
     *
     * @throws NpyFormatException when the file is malformed or holds another dtype
     */
    public static FloatTensor readFloat(Path file) throws IOException {
        Tensor t = read(file);
        if (!(t instanceof FloatTensor f)) {
            throw new NpyFormatException(file, "expected dtype <f4 (float32), found " + t.dtype().npyDescr());
        }
        return f;
    }

    /**
     * Writes a tensor as a {@code .npy} file, format 1.0 (2.0 only if the header does not fit 1.0), byte-identical
     * to NumPy's {@code np.save}. The file is written to a temporary file in the same directory and renamed into
     * place, so readers never see a partial file.
     */
    public static void write(Path file, Tensor tensor) throws IOException {
        byte[] header = headerBytes(tensor);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer hb = ByteBuffer.wrap(header);
                while (hb.hasRemaining()) {
                    ch.write(hb);
                }
                writeData(ch, tensor);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    // ---------------------------------------------------------------- header

    private record Header(DType dtype, int[] shape, long elements) {
    }

    private static Header parseHeader(Path file, String text) {
        Object parsed;
        try {
            HeaderParser p = new HeaderParser(text);
            parsed = p.value();
            p.skipSpace();
            if (!p.atEnd()) {
                throw p.error("unexpected text after the header dictionary");
            }
        } catch (IllegalStateException e) {
            throw new NpyFormatException(file, "malformed header: " + e.getMessage() + " in " + text.strip());
        }
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw new NpyFormatException(file, "malformed header: not a dictionary: " + text.strip());
        }
        for (String key : HEADER_KEYS) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException(file, "malformed header: missing key '" + key + "'");
            }
        }
        for (Object key : dict.keySet()) {
            if (!HEADER_KEYS.contains(key)) {
                throw new NpyFormatException(file, "malformed header: unexpected key '" + key + "'");
            }
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean fo)) {
            throw new NpyFormatException(file, "malformed header: fortran_order is not True/False: " + fortran);
        }
        if (fo) {
            throw new NpyFormatException(file, "Fortran-order arrays are not supported (write the array in C order)");
        }
        DType dtype = dtypeOf(file, dict.get("descr"));
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new NpyFormatException(file, "malformed header: shape is not a tuple: " + dict.get("shape"));
        }
        int[] shape = new int[dims.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new NpyFormatException(file, "shape/size mismatch: dimension " + i + " of shape " + dims
                        + " is not a valid size");
            }
            shape[i] = (int) (long) d;
            elements *= d;
            if (elements > MAX_ELEMENTS) {
                throw new NpyFormatException(file, "shape " + pyShape(shape) + " is too large for one Java array");
            }
        }
        return new Header(dtype, shape, elements);
    }

    private static DType dtypeOf(Path file, Object descr) {
        if (!(descr instanceof String d)) {
            throw new NpyFormatException(file, "unsupported dtype " + descr + " (structured dtypes are not supported)");
        }
        switch (d) {
            case "<f4":
                return DType.FLOAT32;
            case "<f8":
                return DType.FLOAT64;
            case "|i1":
            case "<i1":
                return DType.INT8;
            case "<i4":
                return DType.INT32;
            case "<i8":
                return DType.INT64;
            default:
                if (d.startsWith(">")) {
                    throw new NpyFormatException(file, "big-endian dtype '" + d
                            + "' is not supported (sasim reads little-endian only)");
                }
                throw new NpyFormatException(file, "unsupported dtype '" + d
                        + "' (sasim reads <f4, <f8, |i1, <i4, <i8)");
        }
    }

    /** Header exactly as NumPy's {@code _write_array_header} builds it. */
    private static byte[] headerBytes(Tensor tensor) {
        int[] shape = tensor.shape().dims();
        StringBuilder dict = new StringBuilder();
        dict.append("{'descr': '").append(tensor.dtype().npyDescr()).append("', 'fortran_order': False, 'shape': ")
                .append(pyShape(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1; // + the final newline
        int lengthBytes = 2;
        int padding = ARRAY_ALIGN - (MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN;
        if (hlen + padding > 0xffff) {
            lengthBytes = 4;
            padding = ARRAY_ALIGN - (MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN;
        }
        int headerLength = hlen + padding;
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (lengthBytes == 2 ? 1 : 2)).put((byte) 0);
        if (lengthBytes == 2) {
            b.putShort((short) headerLength);
        } else {
            b.putInt(headerLength);
        }
        b.put(text);
        for (int i = 0; i < padding; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    /** Python's repr of a shape tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    private static String pyShape(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /**
     * Parser for the Python-literal subset NumPy headers use: dicts, quoted strings, tuples/lists of integers,
     * integers and True/False. Errors are reported as {@link IllegalStateException} and wrapped by the caller.
     */
    private static final class HeaderParser {
        private final String s;
        private int i;

        HeaderParser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        IllegalStateException error(String what) {
            return new IllegalStateException(what + " at offset " + i);
        }

        Object value() {
            skipSpace();
            if (atEnd()) {
                throw error("unexpected end of header");
            }
            char c = s.charAt(i);
            if (c == '{') {
                return dict();
            }
            if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            }
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '-' || Character.isDigit(c)) {
                return integer();
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            throw error("unexpected character '" + c + "'");
        }

        private Map<String, Object> dict() {
            i++; // '{'
            Map<String, Object> m = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (atEnd()) {
                    throw error("unterminated dictionary");
                }
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                Object key = value();
                if (!(key instanceof String k)) {
                    throw error("dictionary key is not a string");
                }
                skipSpace();
                expect(':');
                m.put(k, value());
                skipSpace();
                if (!atEnd() && s.charAt(i) == ',') {
                    i++;
                } else if (atEnd() || s.charAt(i) != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> sequence(char close) {
            i++;
            List<Object> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (atEnd()) {
                    throw error("unterminated tuple");
                }
                if (s.charAt(i) == close) {
                    i++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (!atEnd() && s.charAt(i) == ',') {
                    i++;
                } else if (atEnd() || s.charAt(i) != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }

        private String string() {
            char quote = s.charAt(i++);
            int end = s.indexOf(quote, i);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(i, end);
            i = end + 1;
            return v;
        }

        private Long integer() {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            String digits = s.substring(start, i);
            if (i < s.length() && s.charAt(i) == 'L') {
                i++; // Python 2 long suffix in very old files
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad integer '" + digits + "'");
            }
        }

        private void expect(char c) {
            if (atEnd() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }
    }

    // ---------------------------------------------------------------- data

    private static Tensor readData(Path file, FileChannel ch, Header h) throws IOException {
        int n = (int) h.elements;
        Shape shape = Shape.of(h.shape);
        int item = h.dtype.bytes();
        int perChunk = CHUNK_BYTES / item;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) n * item))
                .order(ByteOrder.LITTLE_ENDIAN);
        Object array = switch (h.dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT8 -> new byte[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
        };
        for (int off = 0; off < n; off += perChunk) {
            int count = Math.min(perChunk, n - off);
            buf.clear().limit(count * item);
            readFully(file, ch, buf);
            buf.flip();
            switch (h.dtype) {
                case FLOAT32 -> buf.asFloatBuffer().get((float[]) array, off, count);
                case FLOAT64 -> buf.asDoubleBuffer().get((double[]) array, off, count);
                case INT8 -> buf.get((byte[]) array, off, count);
                case INT32 -> buf.asIntBuffer().get((int[]) array, off, count);
                case INT64 -> buf.asLongBuffer().get((long[]) array, off, count);
            }
        }
        return switch (h.dtype) {
            case FLOAT32 -> new FloatTensor(shape, (float[]) array);
            case FLOAT64 -> new DoubleTensor(shape, (double[]) array);
            case INT8 -> new ByteTensor(shape, (byte[]) array);
            case INT32 -> new IntTensor(shape, (int[]) array);
            case INT64 -> new LongTensor(shape, (long[]) array);
        };
    }

    private static void writeData(FileChannel ch, Tensor t) throws IOException {
        int n = Math.toIntExact(t.size());
        int item = t.dtype().bytes();
        int perChunk = CHUNK_BYTES / item;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) n * item))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < n; off += perChunk) {
            int count = Math.min(perChunk, n - off);
            buf.clear();
            switch (t.dtype()) {
                case FLOAT32 -> buf.asFloatBuffer().put(((FloatTensor) t).data(), off, count);
                case FLOAT64 -> buf.asDoubleBuffer().put(((DoubleTensor) t).data(), off, count);
                case INT8 -> buf.put(((ByteTensor) t).data(), off, count);
                case INT32 -> buf.asIntBuffer().put(((IntTensor) t).data(), off, count);
                case INT64 -> buf.asLongBuffer().put(((LongTensor) t).data(), off, count);
            }
            // The typed views write through without moving buf's position; expose exactly the bytes written.
            buf.position(0).limit(count * item);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new NpyFormatException(file, "truncated: file ended early (was it modified while reading?)");
            }
        }
    }
}
