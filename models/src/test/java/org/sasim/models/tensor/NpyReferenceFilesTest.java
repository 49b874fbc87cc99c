package org.sasim.models.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sasim.models.ReferenceData;
import org.sasim.models.graph.Shape;

/** Reads every {@code .npy} file of the PyTorch reference data, written by NumPy 1.24. */
class NpyReferenceFilesTest {
    @TempDir
    Path dir;

    static Stream<Path> referenceFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ReferenceData.root().resolve("torch"))) {
            files = s.filter(p -> p.toString().endsWith(".npy")).sorted().toList();
        }
        return files.stream();
    }

    @Test
    void findsTheReferenceFiles() throws IOException {
        // 134 vector files + mini_alexnet; guards against a wrong path silently yielding an empty parameter list.
        assertTrue(referenceFiles().count() > 150, "reference data not found under " + ReferenceData.root());
    }

    /** Reading and writing again reproduces NumPy's file byte for byte (header text, padding and data). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceFiles")
    void rewritesByteIdentically(Path file) throws IOException {
        Tensor t = Npy.read(file);
        Path copy = dir.resolve("copy.npy");
        Npy.write(copy, t);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy));
    }

    @Test
    void shapesAndDtypesMatchTheIndex() throws IOException {
        JsonNode index = new ObjectMapper().readTree(ReferenceData.vectors().resolve("index.json").toFile());
        Map<String, DType> dtypes = new HashMap<>(Map.of("float32", DType.FLOAT32, "int8", DType.INT8,
                "int32", DType.INT32));
        int checked = 0;
        for (JsonNode c : index.get("cases")) {
            List<JsonNode> entries = new java.util.ArrayList<>();
            c.get("inputs").forEach(entries::add);
            entries.add(c.get("output"));
            for (JsonNode e : entries) {
                Tensor t = Npy.read(ReferenceData.vectors().resolve(e.get("file").asText()));
                int[] dims = new int[e.get("shape").size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = e.get("shape").get(i).asInt();
                }
                assertEquals(Shape.of(dims), t.shape(), e.get("file").asText());
                assertEquals(dtypes.get(e.get("dtype").asText()), t.dtype(), e.get("file").asText());
                checked++;
            }
        }
        assertTrue(checked >= 100, "only " + checked + " files listed");
    }
}
