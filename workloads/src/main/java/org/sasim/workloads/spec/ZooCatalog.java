package org.sasim.workloads.spec;

import java.util.List;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;

/** The model zoo as a {@link ModelCatalog}: ImageNet models at 224 x 224 unless the workload says otherwise. */
public final class ZooCatalog implements ModelCatalog {
    /** ImageNet's standard input size (pixels). */
    private static final int IMAGENET_SIZE = 224;

    @Override
    public List<String> names() {
        return ModelZoo.names();
    }

    @Override
    public int[] defaultSize(String name) {
        return new int[] {IMAGENET_SIZE, IMAGENET_SIZE};
    }

    @Override
    public Network build(String name, int batch, int height, int width) {
        return ModelZoo.build(name, batch, height, width);
    }
}
