package org.sasim.models;

import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;

/** Real topologies at reduced width and resolution, small enough for unit tests. */
public final class TestNets {
    private TestNets() {
    }

    /**
     * ResNet-50 (v1.5: stride on the 3x3 conv) with stage widths {@code base, 2base, 4base, 8base} (64 in the real
     * network) and expansion 4: 53 convolutions, 53 batch norms, 16 residual adds.
     */
    public static Network resnet50(int base, int resolution, int classes) {
        List<Layer> l = new ArrayList<>();
        l.add(Conv2d.square("conv1", "input", 3, base, 7, 2, 3, false));
        l.add(new BatchNorm2d("bn1", "conv1", base, 1e-5));
        l.add(new Relu("relu", "bn1"));
        l.add(MaxPool2d.square("maxpool", "relu", 3, 2, 1));
        String x = "maxpool";
        int in = base;
        int[] blocks = {3, 4, 6, 3};
        for (int s = 0; s < 4; s++) {
            int width = base << s;
            for (int b = 0; b < blocks[s]; b++) {
                String p = "layer" + (s + 1) + "." + b + ".";
                int stride = b == 0 && s > 0 ? 2 : 1;
                l.add(Conv2d.square(p + "conv1", x, in, width, 1, 1, 0, false));
                l.add(new BatchNorm2d(p + "bn1", p + "conv1", width, 1e-5));
                l.add(new Relu(p + "relu1", p + "bn1"));
                l.add(Conv2d.square(p + "conv2", p + "relu1", width, width, 3, stride, 1, false));
                l.add(new BatchNorm2d(p + "bn2", p + "conv2", width, 1e-5));
                l.add(new Relu(p + "relu2", p + "bn2"));
                l.add(Conv2d.square(p + "conv3", p + "relu2", width, 4 * width, 1, 1, 0, false));
                l.add(new BatchNorm2d(p + "bn3", p + "conv3", 4 * width, 1e-5));
                String identity = x;
                if (b == 0) {
                    l.add(Conv2d.square(p + "downsample.0", x, in, 4 * width, 1, stride, 0, false));
                    l.add(new BatchNorm2d(p + "downsample.1", p + "downsample.0", 4 * width, 1e-5));
                    identity = p + "downsample.1";
                }
                l.add(new Add(p + "add", List.of(p + "bn3", identity)));
                l.add(new Relu(p + "relu3", p + "add"));
                x = p + "relu3";
                in = 4 * width;
            }
        }
        l.add(new GlobalAvgPool("avgpool", x));
        l.add(new Flatten("flatten", "avgpool"));
        l.add(new Linear("fc", "flatten", in, classes, true));
        return Network.of("resnet50-mini", Shape.nchw(1, 3, resolution, resolution), l);
    }

    /** VGG-16 (13 convolutions, 5 max pools, 3 linear layers, no batch norm) with widths {@code base..8base}. */
    public static Network vgg16(int base, int resolution, int hidden, int classes) {
        int[][] cfg = {{base, base}, {2 * base, 2 * base}, {4 * base, 4 * base, 4 * base},
            {8 * base, 8 * base, 8 * base}, {8 * base, 8 * base, 8 * base}};
        List<Layer> l = new ArrayList<>();
        String x = "input";
        int in = 3;
        for (int s = 0; s < cfg.length; s++) {
            for (int i = 0; i < cfg[s].length; i++) {
                String n = "conv" + (s + 1) + "_" + (i + 1);
                l.add(Conv2d.square(n, x, in, cfg[s][i], 3, 1, 1, true));
                l.add(new Relu(n + ".relu", n));
                x = n + ".relu";
                in = cfg[s][i];
            }
            l.add(MaxPool2d.square("pool" + (s + 1), x, 2, 2, 0));
            x = "pool" + (s + 1);
        }
        int spatial = resolution >> 5;
        l.add(new Flatten("flatten", x));
        l.add(new Linear("fc6", "flatten", in * spatial * spatial, hidden, true));
        l.add(new Relu("relu6", "fc6"));
        l.add(new Linear("fc7", "relu6", hidden, hidden, true));
        l.add(new Relu("relu7", "fc7"));
        l.add(new Linear("fc8", "relu7", hidden, classes, true));
        return Network.of("vgg16-mini", Shape.nchw(1, 3, resolution, resolution), l);
    }
}
