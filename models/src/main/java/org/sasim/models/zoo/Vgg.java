package org.sasim.models.zoo;

import java.util.List;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;

/**
 * A VGG network (Simonyan and Zisserman 2014) in torchvision's layout: blocks of 3x3/1 pad-1 convs with bias (each
 * optionally followed by batch norm) and ReLU, a 2x2/2 max-pool after each block, a 7x7 adaptive average pool and a
 * 4096-4096-1000 classifier with dropout. Layer names are torchvision's ({@code features.N}, {@code avgpool},
 * {@code classifier.N}); with batch norm every conv takes three feature indices instead of two.
 *
 * @param name      model name, e.g. {@code vgg16_bn}
 * @param blocks    output channels of the convs of each block; every block ends in a max-pool
 * @param batchNorm whether each conv is followed by batch norm
 */
public record Vgg(String name, List<List<Integer>> blocks, boolean batchNorm) {
    /** Configuration A. */
    public static final Vgg VGG11 = new Vgg("vgg11", List.of(
            List.of(64), List.of(128), List.of(256, 256), List.of(512, 512), List.of(512, 512)), false);
    /** Configuration A with batch norm. */
    public static final Vgg VGG11_BN = new Vgg("vgg11_bn", VGG11.blocks(), true);
    /** Configuration B. */
    public static final Vgg VGG13 = new Vgg("vgg13", List.of(
            List.of(64, 64), List.of(128, 128), List.of(256, 256), List.of(512, 512), List.of(512, 512)), false);
    /** Configuration D. */
    public static final Vgg VGG16 = new Vgg("vgg16", List.of(
            List.of(64, 64), List.of(128, 128), List.of(256, 256, 256), List.of(512, 512, 512),
            List.of(512, 512, 512)), false);
    /** Configuration E. */
    public static final Vgg VGG19 = new Vgg("vgg19", List.of(
            List.of(64, 64), List.of(128, 128), List.of(256, 256, 256, 256), List.of(512, 512, 512, 512),
            List.of(512, 512, 512, 512)), false);

    /** Spatial size of the adaptive pool in front of the classifier. */
    private static final int POOLED = 7;
    private static final int HIDDEN = 4096;

    public Vgg {
        blocks = blocks.stream().map(List::copyOf).toList();
        if (blocks.isEmpty() || blocks.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException(name + ": every VGG block needs at least one conv");
        }
    }

    /** This VGG at {@code input} (N x 3 x H x W). */
    public Network build(Shape input) {
        GraphBuilder b = new GraphBuilder();
        int index = 0;
        int channels = 3;
        for (List<Integer> block : blocks) {
            for (int width : block) {
                b.conv("features." + index++, channels, width, 3, 1, 1, true);
                if (batchNorm) {
                    b.batchNorm("features." + index++, width);
                }
                b.relu("features." + index++);
                channels = width;
            }
            b.maxPool("features." + index++, 2, 2, 0);
        }
        b.adaptiveAvgPool("avgpool", POOLED, POOLED);
        b.flatten("flatten");
        b.linear("classifier.0", channels * POOLED * POOLED, HIDDEN);
        b.relu("classifier.1");
        b.dropout("classifier.2", 0.5);
        b.linear("classifier.3", HIDDEN, HIDDEN);
        b.relu("classifier.4");
        b.dropout("classifier.5", 0.5);
        b.linear("classifier.6", HIDDEN, ModelZoo.IMAGENET_CLASSES);
        return b.build(name, input);
    }
}
