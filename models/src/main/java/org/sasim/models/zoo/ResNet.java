package org.sasim.models.zoo;

import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;

/**
 * A ResNet (He et al. 2015) in torchvision's layout: a 7x7/2 conv + BN + ReLU + 3x3/2 max-pool stem, four stages of
 * residual blocks at 64-128-256-512 planes (stages 2-4 halve the resolution in their first block), a 1x1 adaptive
 * average pool and a 1000-way fc. Convs have no bias. Bottleneck blocks are v1.5: the stride sits on the 3x3 conv.
 * Where a block changes resolution or width, the shortcut is a 1x1 conv (with the block's stride) + BN.
 *
 * <p>Layer names are torchvision's module names. torchvision calls one ReLU module per block two (basic) or three
 * (bottleneck) times; here each call is its own layer, named by {@link ModelZoo#layerName}: {@code layer1.0.relu},
 * {@code layer1.0.relu.1}, {@code layer1.0.relu.2}. The residual sum, which is no module, is {@code layer1.0.add}.
 *
 * @param name           model name, e.g. {@code resnet50}
 * @param block          the residual block type
 * @param blocksPerStage number of blocks in each of the four stages
 */
public record ResNet(String name, Block block, List<Integer> blocksPerStage) {
    // Declared before the model constants: their constructors validate against STAGE_PLANES.
    private static final int STEM_WIDTH = 64;
    private static final List<Integer> STAGE_PLANES = List.of(64, 128, 256, 512);

    /** ResNet-18: basic blocks 2-2-2-2. */
    public static final ResNet RESNET18 = new ResNet("resnet18", Block.BASIC, List.of(2, 2, 2, 2));
    /** ResNet-34: basic blocks 3-4-6-3. */
    public static final ResNet RESNET34 = new ResNet("resnet34", Block.BASIC, List.of(3, 4, 6, 3));
    /** ResNet-50 v1.5: bottlenecks 3-4-6-3. */
    public static final ResNet RESNET50 = new ResNet("resnet50", Block.BOTTLENECK, List.of(3, 4, 6, 3));
    /** ResNet-101 v1.5: bottlenecks 3-4-23-3. */
    public static final ResNet RESNET101 = new ResNet("resnet101", Block.BOTTLENECK, List.of(3, 4, 23, 3));
    /** ResNet-152 v1.5: bottlenecks 3-8-36-3. */
    public static final ResNet RESNET152 = new ResNet("resnet152", Block.BOTTLENECK, List.of(3, 8, 36, 3));

    /** Residual block type. */
    public enum Block {
        /** Two 3x3 convs; output width = planes. */
        BASIC(1),
        /** 1x1 reduce, 3x3 (strided), 1x1 expand; output width = 4 x planes. */
        BOTTLENECK(4);

        private final int expansion;

        Block(int expansion) {
            this.expansion = expansion;
        }

        /** Output channels per plane. */
        public int expansion() {
            return expansion;
        }
    }

    /**
     * One stage of blocks.
     *
     * @param module torchvision module name, e.g. {@code layer2}
     * @param blocks number of blocks
     * @param planes width of the block's inner convs; output width is planes x expansion
     * @param stride stride of the stage's first block (1 or 2)
     */
    public record Stage(String module, int blocks, int planes, int stride) {
    }

    public ResNet {
        blocksPerStage = List.copyOf(blocksPerStage);
        if (blocksPerStage.size() != STAGE_PLANES.size() || blocksPerStage.stream().anyMatch(n -> n <= 0)) {
            throw new IllegalArgumentException(name + ": a ResNet needs a positive block count for each of "
                    + STAGE_PLANES.size() + " stages, got " + blocksPerStage);
        }
    }

    /** The four stages: the first keeps the stem's resolution, the others halve it. */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < STAGE_PLANES.size(); i++) {
            stages.add(new Stage("layer" + (i + 1), blocksPerStage.get(i), STAGE_PLANES.get(i), i == 0 ? 1 : 2));
        }
        return stages;
    }

    /** This ResNet at {@code input} (N x 3 x H x W). */
    public Network build(Shape input) {
        GraphBuilder b = new GraphBuilder();
        b.conv("conv1", 3, STEM_WIDTH, 7, 2, 3, false);
        b.batchNorm("bn1", STEM_WIDTH);
        b.relu("relu");
        b.maxPool("maxpool", 3, 2, 1);
        int channels = STEM_WIDTH;
        for (Stage stage : stages()) {
            for (int i = 0; i < stage.blocks(); i++) {
                String prefix = stage.module() + "." + i + ".";
                int stride = i == 0 ? stage.stride() : 1;
                channels = block == Block.BASIC
                        ? basicBlock(b, prefix, channels, stage.planes(), stride)
                        : bottleneck(b, prefix, channels, stage.planes(), stride);
            }
        }
        b.adaptiveAvgPool("avgpool", 1, 1);
        b.flatten("flatten");
        b.linear("fc", channels, ModelZoo.IMAGENET_CLASSES);
        return b.build(name, input);
    }

    /** Appends a basic block reading the cursor; returns its output width. */
    private static int basicBlock(GraphBuilder b, String p, int in, int planes, int stride) {
        String identity = b.cursor();
        b.conv(p + "conv1", in, planes, 3, stride, 1, false);
        b.batchNorm(p + "bn1", planes);
        b.relu(ModelZoo.layerName(p + "relu", 0));
        b.conv(p + "conv2", planes, planes, 3, 1, 1, false);
        String residual = b.batchNorm(p + "bn2", planes);
        finish(b, p, identity, residual, in, planes, stride, 1);
        return planes;
    }

    /** Appends a v1.5 bottleneck block reading the cursor; returns its output width. */
    private static int bottleneck(GraphBuilder b, String p, int in, int planes, int stride) {
        int out = planes * Block.BOTTLENECK.expansion();
        String identity = b.cursor();
        b.conv(p + "conv1", in, planes, 1, 1, 0, false);
        b.batchNorm(p + "bn1", planes);
        b.relu(ModelZoo.layerName(p + "relu", 0));
        b.conv(p + "conv2", planes, planes, 3, stride, 1, false);
        b.batchNorm(p + "bn2", planes);
        b.relu(ModelZoo.layerName(p + "relu", 1));
        b.conv(p + "conv3", planes, out, 1, 1, 0, false);
        String residual = b.batchNorm(p + "bn3", out);
        finish(b, p, identity, residual, in, out, stride, 2);
        return out;
    }

    /**
     * Shortcut, sum and final ReLU of a block. torchvision runs the downsample after the main branch, so it is
     * appended here to keep its execution order.
     */
    private static void finish(GraphBuilder b, String p, String identity, String residual, int in, int out,
                               int stride, int reluCall) {
        String shortcut = identity;
        if (stride != 1 || in != out) {
            b.from(identity);
            b.conv(p + "downsample.0", in, out, 1, stride, 0, false);
            shortcut = b.batchNorm(p + "downsample.1", out);
        }
        b.add(p + "add", residual, shortcut);
        b.relu(ModelZoo.layerName(p + "relu", reluCall));
    }
}
