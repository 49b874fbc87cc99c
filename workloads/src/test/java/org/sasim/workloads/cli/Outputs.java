package org.sasim.workloads.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Reading what the commands wrote, independently of the writers. */
final class Outputs {
    static final Path EXAMPLES = Path.of(System.getProperty("sasim.root", "."), "workloads", "examples");
    static final Path TORCH = Path.of(System.getProperty("sasim.root", "."), "..", "shared", "reference", "torch");

    private Outputs() {
    }

    /** CSV lines split on commas (the files read here hold no quoted fields). */
    static List<List<String>> csv(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> List.of(l.split(",", -1))).toList();
    }

    /** A column of a CSV read by {@link #csv}, without the header. */
    static List<String> column(List<List<String>> rows, String name) {
        int i = rows.get(0).indexOf(name);
        if (i < 0) {
            throw new AssertionError("no column " + name + " in " + rows.get(0));
        }
        return rows.subList(1, rows.size()).stream().map(r -> r.get(i)).toList();
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The mini AlexNet layer-list example rewritten with absolute paths and another accelerator section. */
    static String miniAlexNet(String acceleratorSection) throws IOException {
        String text = Files.readString(EXAMPLES.resolve("mini_alexnet_npy.yaml"));
        Path ref = TORCH.resolve("mini_alexnet").toAbsolutePath().normalize();
        return text.replace("../../../shared/reference/torch/mini_alexnet", ref.toString())
                .replaceAll("(?s)accelerator:.*?\nsimulation:", acceleratorSection + "\nsimulation:");
    }
}
