package org.sasim.reports.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.reports.io.AtomicFile;

/**
 * JSON output: a table becomes an array of objects keyed by column name (same names, same units as the CSV); other
 * documents are nested maps and lists. Key order is kept, output is indented, and non-finite doubles become strings
 * ({@code "Infinity"}) because JSON has no literal for them.
 */
public final class JsonFormat {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFormat() {
    }

    /** Rows as a list of ordered maps. */
    public static List<Map<String, Object>> rows(Table table) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> names = table.names();
        for (List<Object> row : table.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), value(row.get(i)));
            }
            out.add(m);
        }
        return out;
    }

    /** Replaces non-finite doubles, recursively, by their names. */
    public static Object value(Object o) {
        if (o instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(k, value(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(JsonFormat::value).toList();
        }
        return o;
    }

    /** Any document of maps, lists, strings and numbers as indented JSON text ending in a newline. */
    public static String format(Object document) {
        try {
            return MAPPER.writeValueAsString(value(document)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a document atomically. */
    public static void write(Object document, Path file) throws IOException {
        AtomicFile.write(file, format(document));
    }

    /** Parses JSON text (used by tests and by {@code sasim report} to read a run back). */
    public static Object parse(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }
}
