package org.sasim.workloads.input;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Parses YAML text into SnakeYAML's node tree (the representation jackson-dataformat-yaml is built on), which keeps
 * the line and column of every value. Syntax errors become positioned problems.
 */
public final class YamlDocument {
    private YamlDocument() {
    }

    /**
     * Parses one YAML document; returns its root, or null (with a problem recorded) when the text is not valid YAML,
     * holds no document or more than one.
     */
    public static YamlField parse(SourceText src, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        // Aliases are legitimate, but a few hundred of them only serve to blow up the tree ("billion laughs").
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(40);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit((int) SourceText.MAX_BYTES);
        // Duplicate keys are reported by the schema reader with both positions, not rejected here.
        options.setAllowDuplicateKeys(true);
        Yaml yaml = new Yaml(options);
        Node root;
        try {
            var docs = yaml.composeAll(new StringReader(src.text())).iterator();
            if (!docs.hasNext()) {
                problems.add(src.at(1, 1), "", "the file is empty (expected a YAML mapping)", null);
                return null;
            }
            root = docs.next();
            if (docs.hasNext()) {
                Node second = docs.next();
                Mark m = second.getStartMark();
                problems.add(src.at(m.getLine() + 1, m.getColumn() + 1), "",
                        "a workload is one YAML document; remove the second '---' document", null);
                return null;
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at = m == null ? src.at(1, 1) : src.at(m.getLine() + 1, m.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " " + e.getContext() : "";
            problems.add(at, "", "invalid YAML: " + oneLine(what + context), null);
            return null;
        } catch (ReaderException e) {
            problems.add(src.position(e.getPosition()), "", "invalid YAML: character 0x"
                    + Integer.toHexString(e.getCodePoint()) + " is not allowed", null);
            return null;
        } catch (YAMLException e) {
            problems.add(src.at(1, 1), "", "invalid YAML: " + oneLine(String.valueOf(e.getMessage())), null);
            return null;
        }
        if (root == null) {
            problems.add(src.at(1, 1), "", "the file is empty (expected a YAML mapping)", null);
            return null;
        }
        return new YamlField(root, "", src);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
