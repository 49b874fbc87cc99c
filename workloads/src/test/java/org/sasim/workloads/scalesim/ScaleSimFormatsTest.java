package org.sasim.workloads.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.ScaleSimLayer;
import org.sasim.workloads.input.Problems;
import org.sasim.workloads.input.SourceText;

class ScaleSimFormatsTest {
    @Test
    void pythonFloatRepr() {
        assertEquals("84.99102675770285", PythonFloat.repr(84.99102675770285));
        assertEquals("94.53125", PythonFloat.repr(94.53125));
        assertEquals("32.0", PythonFloat.repr(32.0));
        assertEquals("-3275.0", PythonFloat.repr(-3275.0));
        assertEquals("0.1", PythonFloat.repr(0.1));
        assertEquals("0.0001", PythonFloat.repr(1e-4));
        assertEquals("1e-05", PythonFloat.repr(1e-5));
        assertEquals("1.5e+16", PythonFloat.repr(1.5e16));
        assertEquals("1000000000000000.0", PythonFloat.repr(1e15));
        assertEquals("0.30000000000000004", PythonFloat.repr(0.1 + 0.2));
        assertEquals("0.0", PythonFloat.repr(0.0));
    }

    @Test
    void configWithBothSeparatorsFreeSpacingAndBandwidthList() {
        Problems p = new Problems();
        ScaleSimConfig c = ScaleSimConfigParser.parse(SourceText.of("c.cfg", """
                [general]
                run_name = my_run
                ; comment
                [architecture_presets]
                ArrayHeight :   8
                arraywidth=16
                IfmapSramSzkB: 32
                FilterSramSzkB: 32
                OfmapSramSzkB: 16
                Bandwidth : 10,20,30
                Dataflow : ws
                MemoryBanks: 4
                ReadRequestBuffer: 32
                [run_presets]
                InterfaceBandwidth = USER
                """), p);
        assertEquals(List.of(), p.lines());
        assertEquals(new ScaleSimConfig("my_run", 8, 16, 32, 32, 16, 0, 10_000_000, 20_000_000, 10.0,
                Dataflow.WEIGHT_STATIONARY, ScaleSimConfig.InterfaceBandwidth.USER), c);
    }

    @Test
    void configProblemsArePositioned() {
        Problems p = new Problems();
        assertNull(ScaleSimConfigParser.parse(SourceText.of("c.cfg", """
                [architecture_presets]
                ArrayHeigth: 32
                ArrayWidth: x
                IfmapSramSzkB: 64
                FilterSramSzkB: 64
                OfmapSramSzkB: 64
                Dataflow: rs
                garbage line
                """), p));
        assertEquals(List.of(
                "c.cfg:1:1: architecture_presets.ArrayHeight: missing required key",
                "c.cfg:2:1: architecture_presets.ArrayHeigth: unknown key; did you mean 'ArrayHeight'?",
                "c.cfg:3:13: architecture_presets.ArrayWidth: expected an integer (got x)",
                "c.cfg:7:11: architecture_presets.Dataflow: expected os, ws or is (got rs)",
                "c.cfg:8:1: expected 'key: value', 'key = value' or [section] (got garbage line)"), p.lines());
    }

    @Test
    void convTopologyWithTrailingCommasBlankLinesAndColumnStride() {
        Problems p = new Problems();
        List<ScaleSimLayer> l = ScaleSimTopology.parse(SourceText.of("t.csv", """
                Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,

                Conv1, 224, 224, 11, 11, 3, 96, 4,
                Conv2,27,27,5,5,96,256,1,2
                """), false, p);
        assertEquals(List.of(), p.lines());
        assertEquals(List.of(new ScaleSimLayer("Conv1", 224, 224, 11, 11, 3, 96, 4, 4),
                new ScaleSimLayer("Conv2", 27, 27, 5, 5, 96, 256, 1, 2)), l);
    }

    @Test
    void gemmTopologyIsAnMxKIfmapWithA1xKFilter() {
        Problems p = new Problems();
        List<ScaleSimLayer> l = ScaleSimTopology.parse(SourceText.of("g.csv", "Layer, M, N, K,\nfc1, 64, 128, 256,\n"),
                true, p);
        assertEquals(List.of(new ScaleSimLayer("fc1", 64, 256, 1, 256, 1, 128, 1, 1)), l);
        assertEquals(64 * 128 * 256L, l.get(0).gemm().macs());
    }

    @Test
    void topologyProblemsArePositionedAtTheField() {
        Problems p = new Problems();
        assertNull(ScaleSimTopology.parse(SourceText.of("t.csv", """
                Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
                Conv1, 224, 22x4, 11, 11, 3, 96, 4,
                Conv2, 5, 5, 7, 7, 3, 96, 1,
                Conv3, 5, 5,
                Conv4, 5, 5, 1, 1, 0, 8, 1,
                """), false, p));
        assertEquals(List.of(
                "t.csv:2:13: IFMAP Width: expected an integer (got 22x4)",
                "t.csv:3:14: Conv2: filter 7x7 is larger than the IFMAP 5x5",
                "t.csv:4:1: a conv layer has 8 fields (name, IFMAP Height, IFMAP Width, Filter Height, Filter Width,"
                        + " Channels, Num Filter, Strides) and an optional 9th (column stride); found 3 (use --gemm"
                        + " for 'Layer, M, N, K' topologies)",
                "t.csv:5:20: Channels: out of range: must be in 1..16777216 (got 0)"), p.lines());
    }
}
