package org.sasim.workloads.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "dev" when run from classes. */
public final class SasimVersion implements IVersionProvider {
    /** The sasim version string. */
    public static String version() {
        String v = SasimVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sasim " + version(), "Java " + System.getProperty("java.version")};
    }
}
