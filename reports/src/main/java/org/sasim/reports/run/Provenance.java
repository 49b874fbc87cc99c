package org.sasim.reports.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a result came from, so a report can be reproduced.
 *
 * @param sasimVersion   sasim version that produced it
 * @param workloadSha256 SHA-256 of the workload file (hex), or a description such as {@code study:kernel-size}
 * @param seed           seed of weights and input, or -1 when none was used
 * @param workloadFile   the workload file as the user named it, or null when the run did not come from a file
 * @param settings       how it was simulated, in a stable order (e.g. {@code convention -> sasim},
 *                       {@code engine -> fast}, {@code tensors -> true}, a sweep point's swept fields); may be empty
 */
public record Provenance(String sasimVersion, String workloadSha256, long seed, String workloadFile,
                         Map<String, String> settings) {
    public Provenance {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Provenance without a workload file or settings (studies, tests). */
    public Provenance(String sasimVersion, String workloadSha256, long seed) {
        this(sasimVersion, workloadSha256, seed, null, Map.of());
    }

    /** SHA-256 of a file's bytes, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** SHA-256 of bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
