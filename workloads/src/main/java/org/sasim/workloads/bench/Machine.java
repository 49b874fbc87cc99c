package org.sasim.workloads.bench;

import java.lang.management.ManagementFactory;

/**
 * The machine a benchmark ran on, as the JVM sees it.
 *
 * @param cores        available processors
 * @param jvm          JVM name
 * @param jvmVersion   Java runtime version
 * @param maxHeapBytes the heap limit (-Xmx), bytes
 * @param os           operating system name, version and architecture
 * @param jvmArguments the JVM's input arguments (heap flags, compiler flags)
 */
public record Machine(int cores, String jvm, String jvmVersion, long maxHeapBytes, String os, String jvmArguments) {
    /** This JVM's machine. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                Runtime.getRuntime().maxMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }
}
