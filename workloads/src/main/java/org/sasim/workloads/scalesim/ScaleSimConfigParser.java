package org.sasim.workloads.scalesim;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.workloads.input.Position;
import org.sasim.workloads.input.Problems;
import org.sasim.workloads.input.SourceText;
import org.sasim.workloads.input.Suggestion;

/**
 * Parses SCALE-Sim v2 config files (INI, as Python's configparser reads them): {@code [section]} headers,
 * {@code key: value} or {@code key = value} with free spacing, case-insensitive keys, {@code #} and {@code ;}
 * comment lines. Keys of later SCALE-Sim versions and unknown sections are ignored, as SCALE-Sim v2 ignores them;
 * a key within edit distance of a known key is reported as a likely typo. {@code MemoryBanks} is accepted and
 * ignored (v2 ignores it). Every problem is positioned {@code FILE:LINE:COLUMN}.
 */
public final class ScaleSimConfigParser {
    private static final Map<String, List<String>> KEYS = Map.of(
            "general", List.of("run_name"),
            "architecture_presets", List.of("ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB",
                    "OfmapSramSzkB", "IfmapOffset", "FilterOffset", "OfmapOffset", "Bandwidth", "Dataflow",
                    "MemoryBanks"),
            "run_presets", List.of("InterfaceBandwidth"));
    private static final List<String> REQUIRED = List.of("ArrayHeight", "ArrayWidth", "IfmapSramSzkB",
            "FilterSramSzkB", "OfmapSramSzkB", "Dataflow");

    private ScaleSimConfigParser() {
    }

    /** A value as written, with where it was written. */
    private record Entry(String value, Position at, int line) {
    }

    /** Parses a config; returns null when there were problems (all recorded). */
    public static ScaleSimConfig parse(SourceText src, Problems problems) {
        Map<String, Entry> entries = new HashMap<>();
        Map<String, Integer> sections = new HashMap<>();
        Map<String, Position> sectionAt = new LinkedHashMap<>();
        String section = null;
        List<String> lines = src.lines();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String t = raw.strip();
            int indent = raw.indexOf(t.isEmpty() ? " " : t.substring(0, 1));
            int col = Math.max(indent, 0) + 1;
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0 || !t.substring(close + 1).isBlank()) {
                    problems.add(src.at(i + 1, col), "", "malformed section header: expected [name]", t);
                    section = null;
                    continue;
                }
                section = t.substring(1, close).strip();
                Integer first = sections.putIfAbsent(section, i + 1);
                if (first != null) {
                    problems.add(src.at(i + 1, col), section, "duplicate section (first at line " + first + ")",
                            null);
                }
                sectionAt.putIfAbsent(section, src.at(i + 1, col));
                continue;
            }
            int colon = t.indexOf(':');
            int equals = t.indexOf('=');
            int sep = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            if (sep <= 0) {
                problems.add(src.at(i + 1, col), "", "expected 'key: value', 'key = value' or [section]", t);
                continue;
            }
            String key = t.substring(0, sep).strip();
            String value = t.substring(sep + 1).strip();
            int valueCol = col + sep + 1 + (t.substring(sep + 1).length() - t.substring(sep + 1).stripLeading()
                    .length());
            if (section == null) {
                problems.add(src.at(i + 1, col), key, "key outside any [section]", null);
                continue;
            }
            List<String> known = KEYS.get(section);
            if (known == null) {
                continue; // sections of other SCALE-Sim versions
            }
            String canonical = known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().orElse(null);
            if (canonical == null) {
                var near = Suggestion.closest(key, known);
                if (near.isPresent()) {
                    problems.add(src.at(i + 1, col), section + "." + key, "unknown key; did you mean '"
                            + near.get() + "'?", null);
                }
                continue;
            }
            Entry prev = entries.putIfAbsent(canonical, new Entry(value, src.at(i + 1, valueCol), i + 1));
            if (prev != null) {
                problems.add(src.at(i + 1, col), section + "." + canonical, "duplicate key (first at line "
                        + prev.line() + ")", null);
            }
        }
        for (String s : KEYS.keySet()) {
            if (s.equals("architecture_presets") && !sections.containsKey(s)) {
                problems.add(src.at(1, 1), "", "missing section [architecture_presets]", null);
            }
        }
        if (sections.containsKey("architecture_presets")) {
            for (String k : REQUIRED) {
                if (!entries.containsKey(k)) {
                    problems.add(sectionAt.get("architecture_presets"), "architecture_presets." + k,
                            "missing required key", null);
                }
            }
        }
        Values v = new Values(entries, problems);
        String runName = entries.containsKey("run_name") ? entries.get("run_name").value() : "scale_run";
        if (runName.isBlank() || !runName.matches("[A-Za-z0-9._-]+") || runName.startsWith(".")) {
            problems.add(entries.get("run_name").at(), "general.run_name",
                    "must be a plain name (letters, digits, '.', '_', '-'); it names the output folder", runName);
        }
        Integer h = v.integer("ArrayHeight", null, 1, 1 << 16);
        Integer w = v.integer("ArrayWidth", null, 1, 1 << 16);
        Integer ifmap = v.integer("IfmapSramSzkB", null, 1, 1 << 30);
        Integer filter = v.integer("FilterSramSzkB", null, 1, 1 << 30);
        Integer ofmap = v.integer("OfmapSramSzkB", null, 1, 1 << 30);
        Integer ifOff = v.integer("IfmapOffset", 0, 0, Integer.MAX_VALUE);
        Integer fOff = v.integer("FilterOffset", 10_000_000, 0, Integer.MAX_VALUE);
        Integer oOff = v.integer("OfmapOffset", 20_000_000, 0, Integer.MAX_VALUE);
        if (entries.containsKey("MemoryBanks")) {
            v.integer("MemoryBanks", 1, 1, 1 << 16);
        }
        Dataflow df = null;
        if (entries.containsKey("Dataflow")) {
            Entry e = entries.get("Dataflow");
            String d = e.value().toLowerCase(Locale.ROOT);
            df = switch (d) {
                case "os" -> Dataflow.OUTPUT_STATIONARY;
                case "ws" -> Dataflow.WEIGHT_STATIONARY;
                case "is" -> Dataflow.INPUT_STATIONARY;
                default -> null;
            };
            if (df == null) {
                problems.add(e.at(), "architecture_presets.Dataflow", "expected os, ws or is", e.value());
            }
        }
        ScaleSimConfig.InterfaceBandwidth mode = ScaleSimConfig.InterfaceBandwidth.CALC;
        if (entries.containsKey("InterfaceBandwidth")) {
            Entry e = entries.get("InterfaceBandwidth");
            switch (e.value().toUpperCase(Locale.ROOT)) {
                case "CALC" -> mode = ScaleSimConfig.InterfaceBandwidth.CALC;
                case "USER" -> mode = ScaleSimConfig.InterfaceBandwidth.USER;
                default -> {
                    mode = null;
                    problems.add(e.at(), "run_presets.InterfaceBandwidth", "expected CALC or USER", e.value());
                }
            }
        }
        Double bandwidth = 0.0;
        if (entries.containsKey("Bandwidth")) {
            bandwidth = v.firstOfList("Bandwidth");
        } else if (mode == ScaleSimConfig.InterfaceBandwidth.USER) {
            problems.add(sectionAt.getOrDefault("architecture_presets", src.at(1, 1)),
                    "architecture_presets.Bandwidth", "USER mode needs a Bandwidth", null);
        }
        if (!problems.isEmpty() || h == null || w == null || ifmap == null || filter == null || ofmap == null
                || ifOff == null || fOff == null || oOff == null || df == null || mode == null
                || bandwidth == null) {
            return null;
        }
        return new ScaleSimConfig(runName, h, w, ifmap, filter, ofmap, ifOff, fOff, oOff, bandwidth, df, mode);
    }

    /** Typed reads of the entries, recording problems. */
    private record Values(Map<String, Entry> entries, Problems problems) {
        Integer integer(String key, Integer dflt, int min, int max) {
            Entry e = entries.get(key);
            if (e == null) {
                return dflt;
            }
            try {
                long v = Long.parseLong(e.value());
                if (v < min || v > max) {
                    problems.add(e.at(), section(key) + key, "out of range: must be in " + min + ".." + max,
                            e.value());
                    return null;
                }
                return (int) v;
            } catch (NumberFormatException ex) {
                problems.add(e.at(), section(key) + key, "expected an integer", e.value());
                return null;
            }
        }

        /** SCALE-Sim's Bandwidth may list one value per memory bank; v2 uses the first. */
        Double firstOfList(String key) {
            Entry e = entries.get(key);
            String first = e.value().split(",", -1)[0].strip();
            try {
                double v = new BigDecimal(first).doubleValue();
                if (!(v > 0) || Double.isInfinite(v)) {
                    problems.add(e.at(), section(key) + key, "must be positive", first);
                    return null;
                }
                return v;
            } catch (NumberFormatException ex) {
                problems.add(e.at(), section(key) + key, "expected a number (or a comma list of numbers)",
                        e.value());
                return null;
            }
        }

        private static String section(String key) {
            return key.equals("InterfaceBandwidth") ? "run_presets." : "architecture_presets.";
        }
    }
}
