package org.sasim.workloads.run;

/** A layer-by-layer comparison of the simulated datapath with the reference engine. */
public sealed interface LayerCheck permits DatapathCheck, Int8DatapathCheck {
    /** True when every layer ran and passed. */
    boolean passed();

    /** A table with PASS/FAIL per layer, then a one-line verdict; lines end in {@code \n}. */
    String table();
}
