package org.sasim.models.weights;

import java.util.List;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Shape;

/**
 * One tensor a layer needs, named by its PyTorch {@code state_dict} suffix ({@code weight}, {@code bias},
 * {@code running_mean}, {@code running_var}); for batch norm {@code weight} is gamma and {@code bias} is beta.
 *
 * @param role  the suffix
 * @param shape the shape the layer requires
 */
public record ParamSpec(String role, Shape shape) {
    public static final String WEIGHT = "weight";
    public static final String BIAS = "bias";
    public static final String RUNNING_MEAN = "running_mean";
    public static final String RUNNING_VAR = "running_var";

    /** The tensors {@code layer} needs, in state-dict order; empty for layers without parameters. */
    public static List<ParamSpec> of(Layer layer) {
        if (layer instanceof Conv2d c) {
            return c.bias() ? List.of(new ParamSpec(WEIGHT, c.weightShape()), new ParamSpec(BIAS,
                    Shape.of(c.outChannels()))) : List.of(new ParamSpec(WEIGHT, c.weightShape()));
        }
        if (layer instanceof Linear l) {
            return l.bias() ? List.of(new ParamSpec(WEIGHT, l.weightShape()), new ParamSpec(BIAS,
                    Shape.of(l.outFeatures()))) : List.of(new ParamSpec(WEIGHT, l.weightShape()));
        }
        if (layer instanceof BatchNorm2d b) {
            Shape c = Shape.of(b.numFeatures());
            return List.of(new ParamSpec(WEIGHT, c), new ParamSpec(BIAS, c), new ParamSpec(RUNNING_MEAN, c),
                    new ParamSpec(RUNNING_VAR, c));
        }
        return List.of();
    }
}
