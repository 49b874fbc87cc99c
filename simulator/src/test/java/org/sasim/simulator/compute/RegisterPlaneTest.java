package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A 2 x 3 register plane latches every PE from its neighbour's previous-cycle register in one step, and the edge
 * ports drive skewed fold streams. Words are numbered so each position is visible: PE(i,j) starts with 10*i + j.
 */
class RegisterPlaneTest {

    private static RegisterPlane numbered() {
        RegisterPlane p = new RegisterPlane(2, 3);
        for (int x = 0; x < 6; x++) {
            p.word[x] = 10 * (x / 3) + x % 3;
            p.tag[x] = FoldTag.operand(0, x, false, true);
        }
        return p;
    }

    private static EdgePorts ports(int n, int... words) {
        EdgePorts e = new EdgePorts(n, "test");
        for (int i = 0; i < n; i++) {
            e.word[i] = words[i];
            e.tag[i] = FoldTag.operand(1, i, false, true);
        }
        return e;
    }

    @Test
    void shiftRightTakesTheLeftNeighbourAndTheEdgeEntersColumnZero() {
        RegisterPlane p = numbered();
        p.shiftRight(ports(2, 100, 200));
        // row 0 was (0, 1, 2), row 1 (10, 11, 12): column 2's words leave, the edge words enter column 0
        assertArrayEquals(new int[] {100, 0, 1, 200, 10, 11}, p.word);
        assertEquals(FoldTag.operand(1, 1, false, true), p.tag[3]);
    }

    @Test
    void shiftDownTakesTheWordAboveAndTheEdgeEntersRowZero() {
        RegisterPlane p = numbered();
        p.shiftDown(ports(3, 100, 101, 102));
        assertArrayEquals(new int[] {100, 101, 102, 0, 1, 2}, p.word);
    }

    @Test
    void shiftUpTakesTheWordBelowAndEmptiesTheBottomRow() {
        RegisterPlane p = numbered();
        p.shiftUp();
        assertArrayEquals(new int[] {10, 11, 12}, java.util.Arrays.copyOf(p.word, 3));
        assertArrayEquals(new long[] {0, 0, 0}, java.util.Arrays.copyOfRange(p.tag, 3, 6));
    }

    @Test
    void wordsInTheLastColumnOrRowDoNotMoveOn() {
        RegisterPlane p = new RegisterPlane(2, 3);
        assertTrue(p.isEmpty());
        p.tag[5] = FoldTag.operand(0, 0, false, true); // PE(1,2): last row and last column
        assertFalse(p.isEmpty());
        assertFalse(p.anyMovesRight());
        assertFalse(p.anyMovesDown());
        p.tag[2] = FoldTag.operand(0, 0, false, true); // PE(0,2): would move down
        assertFalse(p.anyMovesRight());
        assertTrue(p.anyMovesDown());
    }

    @Test
    void edgePortsDriveAFoldSkewedByPort() {
        // fold 3 streams 4 steps from cycle 10 on ports 0..2 (port 2 padding); source word of port p, step k is
        // 100*p + k. At cycle 12 port p carries step 12-10-p: port 0 step 2, port 1 step 1, port 2 step 0.
        int[] source = new int[300];
        for (int p = 0; p < 3; p++) {
            for (int k = 0; k < 4; k++) {
                source[100 * p + k] = 100 * p + k;
            }
        }
        EdgePorts e = new EdgePorts(3, "left");
        e.clear();
        e.driveSkewed(12, 10, 4, 3, 2, 3, source, 0, 100, 1);
        assertArrayEquals(new int[] {2, 101, 0}, e.word);
        assertArrayEquals(new long[] {FoldTag.operand(3, 2, false, true), FoldTag.operand(3, 1, false, true),
            FoldTag.operand(3, 0, false, false)}, e.tag);
        // at cycle 13 port 0 carries the last step (3)
        e.clear();
        e.driveSkewed(13, 10, 4, 3, 2, 3, source, 0, 100, 1);
        assertTrue(FoldTag.isLast(e.tag[0]));
    }

    @Test
    void twoFoldsOnOnePortInOneCycleIsAHazard() {
        EdgePorts e = new EdgePorts(2, "top");
        e.clear();
        e.driveSkewed(5, 5, 3, 2, 2, 0, null, 0, 0, 0);
        assertThrows(StructuralHazardException.class, () -> e.driveSkewed(5, 4, 3, 2, 2, 1, null, 0, 0, 0));
    }

    @Test
    void foldTagsKeepFoldStepAndLastStep() {
        long t = FoldTag.operand(70000, 123456, true, false);
        assertEquals(70000, FoldTag.fold(t));
        assertEquals(123456, FoldTag.step(t));
        assertTrue(FoldTag.isLast(t));
        assertTrue(t < 0, "padding tags are negative");
        assertTrue(FoldTag.sameStep(t, FoldTag.operand(70000, 123456, true, true)));
        assertEquals(987654, FoldTag.index(FoldTag.result(5, 987654)));
        assertEquals(5, FoldTag.fold(FoldTag.result(5, 987654)));
    }
}
