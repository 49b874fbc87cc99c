package org.sasim.workloads.input;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of a YAML document together with its dotted field path and its place in the file, so that any problem
 * with it can be reported as {@code FILE:LINE:COLUMN: path: ...}.
 *
 * @param node   the SnakeYAML node (its marks give the position)
 * @param path   dotted field path, e.g. {@code model.layers[3].kernel}
 * @param source the file the node came from
 */
public record YamlField(Node node, String path, SourceText source) {

    /** Where the value starts. */
    public Position position() {
        var m = node.getStartMark();
        return source.at(m.getLine() + 1, m.getColumn() + 1);
    }

    /** A child value at {@code childPath}. */
    public YamlField child(Node child, String childPath) {
        return new YamlField(child, childPath, source);
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** True for an empty value ({@code key:} with nothing after it, {@code ~} or {@code null}). */
    public boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** The scalar's text as written (without quotes), or null for a mapping or list. */
    public String text() {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    /** The value as shown in "(got X)": a scalar as written, otherwise what kind of value it is. */
    public String got() {
        if (node instanceof ScalarNode s) {
            if (Tag.STR.equals(s.getTag()) && s.getScalarStyle().getChar() != null) {
                return "\"" + s.getValue() + "\"";
            }
            return isNull() ? "nothing" : s.getValue();
        }
        return node instanceof MappingNode ? "a mapping" : "a list";
    }
}
