package org.sasim.workloads.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.workloads.input.Position;

/**
 * One point of a sweep: the workload with each swept field set to one of its values.
 *
 * @param index       position in the sweep's deterministic order (first swept field outermost), from 0
 * @param settings    swept field path to the value used, as written in the workload (in sweep order)
 * @param model       the model at this point
 * @param accelerator the accelerator at this point
 * @param origins     field path (e.g. {@code accelerator.datatype}) to where its value at this point was decided:
 *                    the field itself, its swept value, the preset, or the section; used to position errors that
 *                    only show when the point runs
 */
public record SweepPoint(int index, Map<String, String> settings, ModelSpec model, Accelerator accelerator,
                         Map<String, Position> origins) {
    public SweepPoint {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        origins = Map.copyOf(origins);
    }

    /**
     * The swept model fields of this point and their values, in sweep order: with the workload they decide the
     * network, so two points of one workload with equal model settings run equal networks.
     */
    public Map<String, String> modelSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (k.equals("model") || k.startsWith("model.")) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Where {@code field}'s value was decided, or {@code fallback} when not recorded. */
    public Position origin(String field, Position fallback) {
        return origins.getOrDefault(field, fallback);
    }
}
