package org.sasim.models.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.tensor.NpyFormatException;

/**
 * Weights stored as one float32 {@code .npy} file per tensor, named like a PyTorch {@code state_dict}:
 * {@code <layer>.weight.npy}, {@code <layer>.bias.npy}, and for batch norm also {@code <layer>.running_mean.npy}
 * and {@code <layer>.running_var.npy} (gamma is {@code weight}, beta is {@code bias}).
 */
public final class NpyWeights {
    private NpyWeights() {
    }

    /**
     * Loads the weights of every layer of {@code network} that has parameters from {@code dir}.
     *
     * @throws WeightsException naming the layer and file for a missing required file, a file for a bias the layer
     *                          does not have, an unreadable {@code .npy} or a shape that does not fit the layer
     * @throws IOException      when a file exists but cannot be read
     */
    public static Weights load(Network network, Path dir) throws IOException {
        Map<String, LayerParams> params = new LinkedHashMap<>();
        for (Node n : network.nodes()) {
            Layer layer = n.layer();
            List<ParamSpec> specs = ParamSpec.of(layer);
            if (specs.isEmpty()) {
                continue;
            }
            Map<String, FloatTensor> t = new LinkedHashMap<>();
            for (ParamSpec s : specs) {
                Path file = file(dir, layer.name(), s.role());
                if (!Files.isRegularFile(file)) {
                    throw new WeightsException("layer '" + layer.name() + "': missing weights file " + file
                            + " (" + s.role() + " of shape " + s.shape() + ")");
                }
                FloatTensor tensor;
                try {
                    tensor = Npy.readFloat(file);
                } catch (NpyFormatException e) {
                    throw new WeightsException("layer '" + layer.name() + "': " + e.getMessage(), e);
                }
                if (!tensor.shape().equals(s.shape())) {
                    throw new WeightsException("layer '" + layer.name() + "': " + file + " has shape "
                            + tensor.shape() + ", expected " + s.shape() + " (" + s.role() + ")");
                }
                t.put(s.role(), tensor);
            }
            Path bias = file(dir, layer.name(), ParamSpec.BIAS);
            if (!t.containsKey(ParamSpec.BIAS) && Files.exists(bias)) {
                // A stray bias file means the graph and the weights disagree; silently dropping it would hide that.
                throw new WeightsException("layer '" + layer.name() + "': " + bias + " exists but the layer is"
                        + " declared without a bias");
            }
            LayerParams p = layer instanceof BatchNorm2d
                    ? new BatchNormParams(t.get(ParamSpec.WEIGHT), t.get(ParamSpec.BIAS),
                            t.get(ParamSpec.RUNNING_MEAN), t.get(ParamSpec.RUNNING_VAR))
                    : new DenseParams(t.get(ParamSpec.WEIGHT), t.get(ParamSpec.BIAS));
            Weights.check(layer, p, " (from " + dir + ")");
            params.put(layer.name(), p);
        }
        return Weights.of(network, params);
    }

    /** Writes every tensor of {@code weights} to {@code dir} (created if needed) in the layout {@link #load} reads. */
    public static void save(Weights weights, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, LayerParams> e : weights.byLayer().entrySet()) {
            for (Map.Entry<String, FloatTensor> t : Weights.tensors(e.getValue()).entrySet()) {
                Npy.write(file(dir, e.getKey(), t.getKey()), t.getValue());
            }
        }
    }

    /** {@code dir/<layer>.<role>.npy}. */
    public static Path file(Path dir, String layer, String role) {
        return dir.resolve(layer + "." + role + ".npy");
    }
}
