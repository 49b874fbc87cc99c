package org.sasim.models.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Read access to the torchvision reference counts in {@code ../shared/reference/zoo} (see its README). */
final class ZooReference {
    static final Path DIR = Path.of(System.getProperty("sasim.root", "."), "..", "shared", "reference", "zoo");

    private ZooReference() {
    }

    /** summary.json: model name to its totals. */
    static JsonNode summary() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the models in summary.json. */
    static Stream<String> models() {
        List<String> names = new ArrayList<>();
        summary().fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    /**
     * One leaf-module call of a reference model.
     *
     * @param name   torchvision module name
     * @param call   0-based call index of that module
     * @param type   PyTorch class name, e.g. {@code Conv2d}
     * @param window kernel/stride/padding/dilation/groups/ceil_mode as the CSV spells them (empty where n/a)
     */
    record Row(String name, int call, String type, String inputShape, String outputShape, long params,
               long bnBuffers, long macs, String window) {
    }

    /** Rows of {@code <model>.csv} in execution order. */
    static List<Row> rows(String model) {
        try {
            List<String> lines = Files.readAllLines(DIR.resolve(model + ".csv"));
            List<String> header = Arrays.asList(lines.get(0).split(",", -1));
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                // No field is quoted: 'extra' separates its items with ';'.
                String[] f = line.split(",", -1);
                if (f.length != header.size()) {
                    throw new IllegalStateException(model + ".csv: expected " + header.size() + " fields: " + line);
                }
                rows.add(new Row(f[header.indexOf("name")], Integer.parseInt(f[header.indexOf("call")]),
                        f[header.indexOf("type")], f[header.indexOf("input_shape")], f[header.indexOf("output_shape")],
                        Long.parseLong(f[header.indexOf("params")]), Long.parseLong(f[header.indexOf("bn_buffers")]),
                        Long.parseLong(f[header.indexOf("macs")]),
                        Stream.of("kernel", "stride", "padding", "dilation", "groups", "ceil_mode")
                                .map(c -> f[header.indexOf(c)]).collect(Collectors.joining("/"))));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
