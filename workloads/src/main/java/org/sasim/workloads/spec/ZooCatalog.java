package org.sasim.workloads.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;

/**
 * The model zoo as a {@link ModelCatalog}: ImageNet models at 224 x 224 unless the workload says otherwise. Built
 * networks are immutable, so the last few are kept: sweep points and repeated loads share them instead of
 * re-running shape inference over ResNet's hundreds of layers.
 */
public final class ZooCatalog implements ModelCatalog {
    /** ImageNet's standard input size (pixels). */
    private static final int IMAGENET_SIZE = 224;
    private static final int CACHED = 16;
    private static final Map<String, Network> BUILT = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Network> eldest) {
            return size() > CACHED;
        }
    };

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
        String key = name + "/" + batch + "/" + height + "x" + width;
        synchronized (BUILT) {
            Network n = BUILT.get(key);
            if (n != null) {
                return n;
            }
        }
        // Built outside the lock; a concurrent duplicate build is harmless.
        Network n = ModelZoo.build(name, batch, height, width);
        synchronized (BUILT) {
            BUILT.put(key, n);
        }
        return n;
    }
}
