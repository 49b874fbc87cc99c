package org.sasim.workloads.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Shape;
import org.sasim.models.zoo.ModelSummary;
import org.sasim.models.zoo.ModelZoo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sasim models}: the model zoo with layer count, parameters and MACs (conv + linear multiply-accumulates of
 * one forward pass) at a given batch and input size, as a table or as JSON.
 */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = "List the model zoo: layers, parameters and MACs of one forward pass.")
public final class ModelsCommand implements Callable<Integer> {

    /** Input height and width in pixels. */
    record InputSize(int height, int width) {
        private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})[xX](\\d{1,6})");

        /** Parses {@code HxW}, e.g. {@code 224x224}. */
        static InputSize parse(String text) {
            Matcher m = FORMAT.matcher(text.trim());
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0 || Integer.parseInt(m.group(2)) == 0) {
                throw new CommandLine.TypeConversionException(
                        "expected HxW with positive pixel counts, e.g. 224x224, got '" + text + "'");
            }
            return new InputSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "MODEL", arity = "0..*",
            description = "Models to list (default: all of ${COMPLETION-CANDIDATES}).",
            completionCandidates = ZooNames.class)
    List<String> models = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--size", paramLabel = "HxW", defaultValue = "224x224", converter = SizeConverter.class,
            description = "Input height x width in pixels (default: ${DEFAULT-VALUE}).")
    InputSize size;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new UserError("--batch must be at least 1 (got " + batch + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean all = models.isEmpty();
        List<ModelSummary> rows = new ArrayList<>();
        for (String name : all ? ModelZoo.names() : models) {
            try {
                rows.add(ModelSummary.of(ModelZoo.build(name, batch, size.height(), size.width())));
            } catch (GraphException e) {
                if (!all) {
                    throw new UserError(name + " does not run at " + size.height() + "x" + size.width() + ": "
                            + e.getMessage());
                }
                // Listing the whole zoo: a model that needs a larger input (AlexNet below 63x63) should not hide
                // the others.
                err.println("note: skipping " + name + ", which does not run at " + size.height() + "x"
                        + size.width() + ": " + e.getMessage());
            }
        }
        err.flush();
        if (rows.isEmpty()) {
            throw new UserError("no model runs at " + size.height() + "x" + size.width());
        }
        out.print(json ? json(rows) : table(rows));
        out.flush();
        return SasimCommand.OK;
    }

    /** JSON array, one object per model; counts are exact integers and shapes arrays of dimensions. */
    static String json(List<ModelSummary> rows) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (ModelSummary s : rows) {
            ObjectNode o = array.addObject();
            o.put("name", s.name());
            o.set("input", dims(mapper, s.input()));
            o.set("output", dims(mapper, s.output()));
            o.put("layers", s.layers());
            o.put("params", s.params());
            o.put("conv_macs", s.convMacs());
            o.put("linear_macs", s.linearMacs());
            o.put("macs", s.macs());
        }
        try {
            return mapper.writeValueAsString(array) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the zoo summary", e);
        }
    }

    private static ArrayNode dims(ObjectMapper mapper, Shape shape) {
        ArrayNode a = mapper.createArrayNode();
        for (int d : shape.dims()) {
            a.add(d);
        }
        return a;
    }

    /** Aligned table: names and shapes left-aligned, counts right-aligned with thousands separators. */
    static String table(List<ModelSummary> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"model", "layers", "params", "MACs", "input"});
        for (ModelSummary s : rows) {
            cells.add(new String[] {s.name(), grouped(s.layers()), grouped(s.params()), grouped(s.macs()),
                    s.input().toString()});
        }
        boolean[] rightAligned = {false, true, true, true, false};
        int[] width = new int[rightAligned.length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[c] - row[c].length());
                line.append(rightAligned[c] ? pad + row[c] : row[c] + pad);
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String grouped(long n) {
        // Locale.ROOT: always ',' as the separator, whatever the user's locale.
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Picocli converter for {@code --size}. */
    static final class SizeConverter implements CommandLine.ITypeConverter<InputSize> {
        @Override
        public InputSize convert(String value) {
            return InputSize.parse(value);
        }
    }

    /** Model names for the usage help. */
    static final class ZooNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelZoo.names().iterator();
        }
    }
}
