package org.sasim.simulator.compute;

/**
 * A schedule asked the modelled hardware for something it cannot do (two words on one wire or register in the same
 * cycle, a stationary word used before it arrived or overwritten before it was used). Thrown by the cycle-stepped
 * engines; it means a timing formula is wrong.
 */
public final class StructuralHazardException extends IllegalStateException {
    public StructuralHazardException(String what, long cycle) {
        super(what + " at cycle " + cycle);
    }
}
