package org.sasim.workloads.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of an input file with the means to turn character offsets into line and column positions. Reading fails
 * with a positioned problem (not an exception) for a missing file, a file that is too large, or bytes that are not
 * UTF-8, so that binary garbage ends in an ordinary error message.
 *
 * @param path    the file
 * @param display the file name as shown in messages
 * @param text    the decoded text (a leading byte-order mark removed)
 */
public record SourceText(Path path, String display, String text) {
    /** Input files are small; anything this large is a mistake (e.g. a weights file given as a workload). */
    public static final long MAX_BYTES = 16L << 20;

    /**
     * Reads and decodes a file; records a problem and returns null when it cannot be used.
     *
     * @param field the option or field that named the file, for the message (may be empty)
     */
    public static SourceText read(Path path, String display, String field, Problems problems) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                problems.add(new Position(display, 1, 1), field, "is a directory, not a file", null);
                return null;
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                problems.add(new Position(display, 1, 1), field, "file is too large (" + size + " bytes; at most "
                        + MAX_BYTES + ")", null);
                return null;
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            problems.add(new Position(display, 1, 1), field, "file not found", null);
            return null;
        } catch (IOException e) {
            problems.add(new Position(display, 1, 1), field, "cannot read file: " + e.getMessage(), null);
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            SourceText prefix = new SourceText(path, display, out.toString());
            problems.add(prefix.position(prefix.text.length()), field, "not UTF-8 text: invalid byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + " at byte offset " + in.position(), null);
            return null;
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        return new SourceText(path, display, text);
    }

    /** Wraps text that is already in memory (tests, generated input). */
    public static SourceText of(String display, String text) {
        return new SourceText(Path.of(display), display, text);
    }

    /** 1-based position of a 0-based character offset (clamped to the text). */
    public Position position(int offset) {
        int line = 1;
        int col = 1;
        int end = Math.min(Math.max(offset, 0), text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Position(display, line, col);
    }

    /** Position of a 1-based line and column. */
    public Position at(int line, int column) {
        return new Position(display, line, column);
    }

    /** The lines of the text without their terminators ({@code \n}, {@code \r\n} or {@code \r}). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
