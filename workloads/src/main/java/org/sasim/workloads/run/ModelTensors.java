package org.sasim.workloads.run;

import java.io.IOException;
import org.sasim.models.graph.Network;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.weights.NpyWeights;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.workloads.input.Position;
import org.sasim.workloads.input.Problems;
import org.sasim.workloads.spec.InputSource;
import org.sasim.workloads.spec.ModelSpec;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.WeightSource;

/**
 * The tensors a point runs on: every layer's parameters and the input activation, generated from seeds or read
 * from {@code .npy} files.
 *
 * @param weights parameters of every conv, linear and batch-norm layer
 * @param input   the network input, of the network's input shape
 */
public record ModelTensors(Weights weights, FloatTensor input) {

    /**
     * Generates or reads the point's tensors.
     *
     * @param fallback where to point an error when the workload did not record the field's place
     * @throws org.sasim.workloads.cli.UserError at {@code model.weights} or {@code model.input} when a file cannot
     *                                           be used (e.g. not float32)
     */
    public static ModelTensors of(SweepPoint point, Position fallback) {
        ModelSpec m = point.model();
        Network n = m.network();
        Problems problems = new Problems();
        Weights weights = null;
        FloatTensor input = null;
        try {
            weights = m.weights() instanceof WeightSource.NpyDirectory d ? NpyWeights.load(n, d.dir())
                    : SeededWeights.generate(n, ((WeightSource.Seeded) m.weights()).seed());
        } catch (IOException | IllegalArgumentException e) {
            problems.add(point.origin("model.weights", fallback), "model.weights", e.getMessage(), null);
        }
        try {
            input = m.input() instanceof InputSource.NpyFile f ? Npy.readFloat(f.file())
                    : SeededInput.generate(n, ((InputSource.Seeded) m.input()).seed());
        } catch (IOException | IllegalArgumentException e) {
            problems.add(point.origin("model.input", fallback), "model.input", e.getMessage(), null);
        }
        problems.throwIfAny();
        return new ModelTensors(weights, input);
    }
}
