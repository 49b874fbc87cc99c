package org.sasim.workloads.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelSummary;
import org.sasim.models.zoo.ModelZoo;

/** {@code sasim models}, run through {@link SasimCommand#execute}. */
class ModelsCommandTest {

    /** Exit code, stdout and stderr of one run. */
    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The table line of {@code model}. */
        String row(String model) {
            return lines().stream().filter(l -> l.startsWith(model + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + model + " in\n" + out));
        }

        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run sasim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SasimCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Test
    void tableHasOneRowPerZooModelWithItsLayersParamsMacsAndInput() {
        Run run = sasim("models");

        assertEquals(SasimCommand.OK, run.exit(), run.err());
        assertEquals(1 + ModelZoo.names().size(), run.lines().size(), run.out());
        for (String model : ModelZoo.names()) {
            ModelSummary s = ModelSummary.of(ModelZoo.build(model, 1, 224, 224));
            List<String> cells = List.of(run.row(model).trim().split("\\s+"));
            assertEquals(List.of(model, grouped(s.layers()), grouped(s.params()), grouped(s.macs()), "1x3x224x224"),
                    cells);
        }
    }

    @Test
    void tableShowsResNet50sTorchvisionCountsWithThousandsSeparators() {
        String row = sasim("models").row("resnet50");

        assertTrue(row.contains(" 25,557,032 "), row);
        assertTrue(row.contains(" 4,089,184,256 "), row);
    }

    @Test
    void tableRightAlignsNumbersUnderTheirHeaders() {
        Run run = sasim("models");
        String header = run.lines().get(0);

        for (String column : List.of("layers", "params", "MACs")) {
            int end = header.indexOf(column) + column.length();
            for (String line : run.lines().subList(1, run.lines().size())) {
                assertTrue(Character.isDigit(line.charAt(end - 1)) && line.charAt(end) == ' ',
                        column + " not right-aligned in\n" + run.out());
            }
        }
    }

    @Test
    void jsonHasTheZooNumbersOfEveryModelAsExactIntegers() throws IOException {
        Run run = sasim("models", "--json");
        JsonNode array = run.json();

        assertEquals(SasimCommand.OK, run.exit(), run.err());
        List<String> names = new ArrayList<>();
        for (JsonNode o : array) {
            names.add(o.get("name").asText());
            ModelSummary s = ModelSummary.of(ModelZoo.build(o.get("name").asText(), 1, 224, 224));
            for (String key : List.of("layers", "params", "macs", "conv_macs", "linear_macs")) {
                assertTrue(o.get(key).isIntegralNumber(), key + " of " + s.name() + " is " + o.get(key));
            }
            assertEquals(s.layers(), o.get("layers").longValue());
            assertEquals(s.params(), o.get("params").longValue());
            assertEquals(s.macs(), o.get("macs").longValue());
            assertEquals(s.convMacs(), o.get("conv_macs").longValue());
            assertEquals(s.linearMacs(), o.get("linear_macs").longValue());
            assertEquals("[1,3,224,224]", o.get("input").toString());
            assertEquals("[1,1000]", o.get("output").toString());
        }
        assertEquals(ModelZoo.names(), names);
    }

    @Test
    void batchAndSizeOptionsBuildTheModelsAtThatInput() throws IOException {
        JsonNode resnet = sasim("models", "--json", "--batch", "2", "--size", "160x128", "resnet18").json().get(0);
        Network expected = ModelZoo.build("resnet18", 2, 160, 128);

        assertEquals("[2,3,160,128]", resnet.get("input").toString());
        assertEquals(expected.macs(), resnet.get("macs").longValue());
    }

    @Test
    void namedModelsAreListedInTheGivenOrder() {
        Run run = sasim("models", "vgg16", "alexnet");

        assertEquals(3, run.lines().size(), run.out());
        assertTrue(run.lines().get(1).startsWith("vgg16 "), run.out());
        assertTrue(run.lines().get(2).startsWith("alexnet "), run.out());
    }

    @Test
    void modelTooLargeForTheInputIsSkippedWithANoteWhenListingAll() {
        Run run = sasim("models", "--size", "32x32");

        assertEquals(SasimCommand.OK, run.exit());
        assertFalse(run.out().contains("alexnet"), run.out());
        assertTrue(run.out().contains("resnet50"), run.out());
        assertTrue(run.err().contains("skipping alexnet") && run.err().contains("features.12"), run.err());
    }

    @Test
    void namedModelTooLargeForTheInputIsBadInput() {
        Run run = sasim("models", "--size", "32x32", "alexnet");

        assertEquals(SasimCommand.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("alexnet does not run at 32x32") && run.err().contains("features.12"),
                run.err());
    }

    @Test
    void unknownModelIsBadInputWithASuggestion() {
        Run run = sasim("models", "resnet5");

        assertEquals(SasimCommand.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("did you mean 'resnet50'?"), run.err());
    }

    @Test
    void sizeWithoutHeightAndWidthIsBadInput() {
        Run run = sasim("models", "--size", "224");

        assertEquals(SasimCommand.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("expected HxW"), run.err());
    }

    @Test
    void zeroBatchIsBadInput() {
        Run run = sasim("models", "--batch", "0");

        assertEquals(SasimCommand.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("--batch must be at least 1"), run.err());
    }
}
