package org.sasim.models.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.tensor.FloatTensor;

/**
 * The float32 parameters of every layer of one network that has any (convolutions, linear layers, batch norms),
 * checked against that network: every such layer has parameters of the right kind and shape, no other layer has
 * any. A {@code Weights} that exists therefore fits its network.
 */
public final class Weights {
    private final String network;
    private final Map<String, LayerParams> byLayer;

    private Weights(String network, Map<String, LayerParams> byLayer) {
        this.network = network;
        this.byLayer = Collections.unmodifiableMap(byLayer);
    }

    /**
     * Validates {@code params} against {@code network}.
     *
     * @throws WeightsException naming the layer (and expected vs actual shape) when something does not fit
     */
    public static Weights of(Network network, Map<String, ? extends LayerParams> params) {
        Map<String, LayerParams> ordered = new LinkedHashMap<>();
        for (String name : params.keySet()) {
            if (network.nodes().stream().noneMatch(n -> n.name().equals(name))) {
                throw new WeightsException("layer '" + name + "': has parameters but network '" + network.name()
                        + "' has no such layer");
            }
        }
        for (Node n : network.nodes()) {
            Layer layer = n.layer();
            LayerParams p = params.get(layer.name());
            List<ParamSpec> specs = ParamSpec.of(layer);
            if (specs.isEmpty()) {
                if (p != null) {
                    throw new WeightsException("layer '" + layer.name() + "': a " + layer.kind()
                            + " layer has no parameters, but some were given");
                }
                continue;
            }
            if (p == null) {
                throw new WeightsException("layer '" + layer.name() + "': missing parameters for " + layer.kind());
            }
            check(layer, p, "");
            ordered.put(layer.name(), p);
        }
        return new Weights(network.name(), ordered);
    }

    /**
     * Checks one layer's parameters against the layer.
     *
     * @param origin appended to messages to say where the tensors came from (e.g. {@code " (from dir/)"}); may be
     *               empty
     * @throws WeightsException naming the layer, tensor role, expected and actual shape
     */
    public static void check(Layer layer, LayerParams params, String origin) {
        Map<String, FloatTensor> tensors = tensors(params);
        boolean kindFits = (layer instanceof Conv2d || layer instanceof Linear) ? params instanceof DenseParams
                : layer instanceof BatchNorm2d && params instanceof BatchNormParams;
        if (!kindFits) {
            throw new WeightsException("layer '" + layer.name() + "': a " + layer.kind() + " layer cannot take "
                    + params.getClass().getSimpleName() + origin);
        }
        List<ParamSpec> specs = ParamSpec.of(layer);
        for (ParamSpec s : specs) {
            FloatTensor t = tensors.get(s.role());
            if (t == null) {
                throw new WeightsException("layer '" + layer.name() + "': missing " + s.role() + " of shape "
                        + s.shape() + origin);
            }
            if (!t.shape().equals(s.shape())) {
                throw new WeightsException("layer '" + layer.name() + "': " + s.role() + " has shape " + t.shape()
                        + ", expected " + s.shape() + origin);
            }
        }
        if (tensors.size() > specs.size()) {
            throw new WeightsException("layer '" + layer.name() + "': has a bias but the layer is declared without"
                    + " one" + origin);
        }
        if (params instanceof BatchNormParams b) {
            for (float v : b.runningVar().data()) {
                if (!(v >= 0)) {
                    throw new WeightsException("layer '" + layer.name() + "': running_var holds " + v
                            + ", must be >= 0" + origin);
                }
            }
        }
    }

    /** The tensors of {@code params} keyed by state-dict role ({@link ParamSpec#WEIGHT} etc.), in state-dict order. */
    public static Map<String, FloatTensor> tensors(LayerParams params) {
        Map<String, FloatTensor> m = new LinkedHashMap<>();
        if (params instanceof DenseParams d) {
            m.put(ParamSpec.WEIGHT, d.weight());
            if (d.hasBias()) {
                m.put(ParamSpec.BIAS, d.bias());
            }
        } else if (params instanceof BatchNormParams b) {
            m.put(ParamSpec.WEIGHT, b.gamma());
            m.put(ParamSpec.BIAS, b.beta());
            m.put(ParamSpec.RUNNING_MEAN, b.runningMean());
            m.put(ParamSpec.RUNNING_VAR, b.runningVar());
        }
        return m;
    }

    /** Name of the network these weights were checked against. */
    public String network() {
        return network;
    }

    /** Parameters by layer name, in execution order. */
    public Map<String, LayerParams> byLayer() {
        return byLayer;
    }

    /** Parameters of a layer, or {@code null} for a layer without any. */
    public LayerParams get(String layer) {
        return byLayer.get(layer);
    }
}
