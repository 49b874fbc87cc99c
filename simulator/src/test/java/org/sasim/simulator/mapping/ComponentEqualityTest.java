package org.sasim.simulator.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.memory.IfmapFootprint;

/**
 * {@link ArrayMapping} and {@link IfmapFootprint} write out equals and hashCode (start-up cost of the generated
 * ones): they must keep a record's meaning, equal exactly when every component is, also after a component is added.
 */
class ComponentEqualityTest {

    @Test
    void arrayMappingsAreEqualExactlyWhenEveryComponentIs() throws ReflectiveOperationException {
        assertEqualityFollowsEachComponent(new ArrayMapping(Dataflow.WEIGHT_STATIONARY, 128, 64, 147, 96, 50176, 2));
    }

    @Test
    void ifmapFootprintsAreEqualExactlyWhenEveryComponentIs() throws ReflectiveOperationException {
        assertEqualityFollowsEachComponent(
                new IfmapFootprint(4, 3, 224, 224, 112, 112, 7, 7, 2, 2, 3, 3, 1, 1));
    }

    /** A copy is equal with the same hash; changing any one component (found by reflection) breaks equality. */
    private static <R extends Record> void assertEqualityFollowsEachComponent(R r)
            throws ReflectiveOperationException {
        RecordComponent[] comps = r.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            values[i] = comps[i].getAccessor().invoke(r);
        }
        Constructor<?> canonical = r.getClass().getDeclaredConstructor(
                Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Object copy = canonical.newInstance(values);
        assertEquals(r, copy);
        assertEquals(r.hashCode(), copy.hashCode());
        for (int i = 0; i < comps.length; i++) {
            Object[] changed = values.clone();
            changed[i] = changed[i] instanceof Integer v ? Integer.valueOf(v + 1) : Dataflow.OUTPUT_STATIONARY;
            assertNotEquals(r, canonical.newInstance(changed), comps[i].getName() + " is compared");
        }
    }
}
