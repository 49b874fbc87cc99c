package org.sasim.workloads.input;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of YAML fields, recording a positioned problem for every value that cannot be used
 * instead of stopping at the first. Each reader returns null when the value was unusable (the problem is already
 * recorded), so callers carry on and find the remaining problems.
 *
 * <p>Overrides replace the value at a field path (or add it when absent) while keeping the override's own position:
 * a sweep point is the workload with one override per swept field, and a bad swept value is reported at its line in
 * the {@code sweep} list.
 */
public final class YamlReader {
    private final Problems problems;
    private final Map<String, YamlField> overrides;
    private final Set<String> usedOverrides = new HashSet<>();

    public YamlReader(Problems problems) {
        this(problems, Map.of());
    }

    /** A reader that substitutes {@code overrides} (keyed by dotted field path) wherever those fields are read. */
    public YamlReader(Problems problems, Map<String, YamlField> overrides) {
        this.problems = problems;
        this.overrides = Map.copyOf(overrides);
    }

    /** The problem collector. */
    public Problems problems() {
        return problems;
    }

    /** Override paths that replaced or added a field so far. */
    public Set<String> usedOverrides() {
        return Set.copyOf(usedOverrides);
    }

    /** Records a problem about a field. */
    public void problem(YamlField f, String what) {
        problems.add(f.position(), f.path(), what, f.got());
    }

    /** Records a problem about a field without echoing its value. */
    public void problemNoValue(YamlField f, String what) {
        problems.add(f.position(), f.path(), what, null);
    }

    /**
     * The entries of a mapping, in file order, with overrides applied. Unknown keys (with a "did you mean"),
     * duplicate keys and non-text keys are problems; their entries are left out.
     *
     * @return the entries, or null when the value is not a mapping
     */
    public Map<String, YamlField> mapping(YamlField f, Collection<String> allowed) {
        if (!(f.node() instanceof MappingNode m)) {
            problem(f, "expected a mapping (key: value lines)");
            return null;
        }
        Map<String, YamlField> out = new LinkedHashMap<>();
        Map<String, YamlField> keys = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            YamlField keyField = f.child(t.getKeyNode(), f.path());
            if (!(t.getKeyNode() instanceof ScalarNode k) || Tag.NULL.equals(k.getTag())) {
                problem(keyField, "keys must be plain names");
                continue;
            }
            String key = k.getValue();
            String path = join(f.path(), key);
            YamlField keyAt = f.child(k, path);
            if (!allowed.contains(key)) {
                problemNoValue(keyAt, "unknown key" + Suggestion.hint(key, allowed) + " (known: "
                        + String.join(", ", allowed) + ")");
                continue;
            }
            YamlField first = keys.putIfAbsent(key, keyAt);
            if (first != null) {
                problemNoValue(keyAt, "duplicate key (first given at line " + first.position().line() + ")");
                continue;
            }
            out.put(key, f.child(t.getValueNode(), path));
        }
        for (String key : allowed) {
            YamlField o = overrides.get(join(f.path(), key));
            if (o != null) {
                out.put(key, o);
                usedOverrides.add(o.path());
            }
        }
        return out;
    }

    /** The items of a list, each with path {@code path[i]}; null (problem recorded) when it is not a list. */
    public List<YamlField> list(YamlField f) {
        if (!(f.node() instanceof SequenceNode s)) {
            problem(f, "expected a list");
            return null;
        }
        List<YamlField> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(f.child(s.getValue().get(i), f.path() + "[" + i + "]"));
        }
        return out;
    }

    /** An integer in [min, max]; accepts YAML integer notation (1_000, 0x10), rejects text and fractions. */
    public Long integer(YamlField f, long min, long max) {
        if (!f.isScalar() || !Tag.INT.equals(f.node().getTag())) {
            problem(f, "expected an integer" + range(min, max));
            return null;
        }
        BigInteger v = parseYamlInt(f.text());
        if (v == null) {
            problem(f, "expected an integer" + range(min, max));
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(f, "out of range: must be" + range(min, max).replace(" in", ""));
            return null;
        }
        return v.longValue();
    }

    /** An int in [min, max]. */
    public Integer intValue(YamlField f, int min, int max) {
        Long v = integer(f, min, max);
        return v == null ? null : v.intValue();
    }

    /** A finite number (integer or decimal) in [min, max]. */
    public Double number(YamlField f, double min, double max) {
        if (!f.isScalar() || !(Tag.INT.equals(f.node().getTag()) || Tag.FLOAT.equals(f.node().getTag()))) {
            problem(f, "expected a number" + range(min, max));
            return null;
        }
        Double v = parseNumber(f.text());
        if (v == null || v.isNaN()) {
            problem(f, "expected a number" + range(min, max));
            return null;
        }
        if (v < min || v > max) {
            problem(f, "out of range: must be" + range(min, max).replace(" in", ""));
            return null;
        }
        return v;
    }

    /** {@code true} or {@code false}. */
    public Boolean bool(YamlField f) {
        if (!f.isScalar() || !Tag.BOOL.equals(f.node().getTag())) {
            problem(f, "expected true or false");
            return null;
        }
        return switch (f.text().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y" -> true;
            default -> false;
        };
    }

    /** A non-empty text value. */
    public String string(YamlField f) {
        if (!f.isScalar() || f.isNull() || !Tag.STR.equals(f.node().getTag())) {
            problem(f, "expected text");
            return null;
        }
        if (f.text().isBlank()) {
            problem(f, "must not be empty");
            return null;
        }
        return f.text();
    }

    /** One of a fixed set of names (case-insensitive), with a "did you mean" for near misses. */
    public <E> E choice(YamlField f, Map<String, E> options) {
        if (!f.isScalar() || f.isNull() || f.text().isBlank()) {
            problem(f, "expected one of " + String.join(", ", options.keySet()));
            return null;
        }
        String t = f.text().trim().toLowerCase(Locale.ROOT);
        E v = options.get(t);
        if (v == null) {
            problem(f, "expected one of " + String.join(", ", options.keySet())
                    + Suggestion.hint(t, options.keySet()));
        }
        return v;
    }

    /** A path, resolved against {@code base} (the workload's folder) when relative. */
    public Path path(YamlField f, Path base) {
        String s = string(f);
        if (s == null) {
            return null;
        }
        try {
            return base.resolve(s).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problem(f, "not a valid path: " + e.getReason());
            return null;
        }
    }

    /** Extends a dotted field path. */
    public static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String range(double min, double max) {
        boolean lo = min > -Double.MAX_VALUE && min != Long.MIN_VALUE;
        boolean hi = max < Double.MAX_VALUE && max != Long.MAX_VALUE;
        if (lo && hi) {
            return " in " + fmt(min) + ".." + fmt(max);
        }
        if (lo) {
            return " >= " + fmt(min);
        }
        if (hi) {
            return " <= " + fmt(max);
        }
        return "";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** YAML 1.1 integers as SnakeYAML resolves them: sign, underscores, 0x/0o/0b prefixes, leading-0 octal. */
    static BigInteger parseYamlInt(String text) {
        String s = text.replace("_", "");
        boolean neg = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            neg = s.startsWith("-");
            s = s.substring(1);
        }
        try {
            BigInteger v;
            if (s.startsWith("0x")) {
                v = new BigInteger(s.substring(2), 16);
            } else if (s.startsWith("0o")) {
                v = new BigInteger(s.substring(2), 8);
            } else if (s.startsWith("0b")) {
                v = new BigInteger(s.substring(2), 2);
            } else if (s.contains(":")) {
                return null; // sexagesimal (YAML 1.1 "1:30"): never meant in a workload
            } else if (s.length() > 1 && s.startsWith("0")) {
                v = new BigInteger(s.substring(1), 8);
            } else {
                v = new BigInteger(s);
            }
            return neg ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseNumber(String text) {
        String s = text.replace("_", "");
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals(".inf") || lower.equals("+.inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("-.inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        BigInteger i = parseYamlInt(s);
        if (i != null) {
            return i.doubleValue();
        }
        try {
            return new BigDecimal(s).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
