package org.sasim.workloads.spec;

import org.sasim.models.graph.Network;

/**
 * The resolved model part of a workload.
 *
 * @param zooName the zoo model name, or null for an explicit layer list
 * @param network the validated layer graph at the workload's input shape and batch
 * @param weights where the weights come from
 * @param input   where the input activation comes from
 */
public record ModelSpec(String zooName, Network network, WeightSource weights, InputSource input) {
}
