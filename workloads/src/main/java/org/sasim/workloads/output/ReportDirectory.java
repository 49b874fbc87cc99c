package org.sasim.workloads.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.sasim.workloads.cli.UserError;

/**
 * Publishes a set of report files into an output directory so that nothing is ever half written or overwritten:
 * <ul>
 *   <li>every file is first written completely into a staging folder inside the output directory, then moved into
 *       place with an atomic rename, so an interrupted run leaves at most a staging folder behind (named
 *       {@code .sasim-staging-*}, removed on failure), never a truncated report;</li>
 *   <li>when the output directory already holds a file of the same name (an earlier run), the whole set goes to a
 *       new subdirectory {@code run-2}, {@code run-3}, ... instead (the staging folder is renamed to it in one
 *       step), and the earlier report is left untouched;</li>
 *   <li>file names are plain names ({@link ReportFile}), or entries a {@link StagedWriter} creates inside the
 *       staging folder, so nothing is written outside the output directory.</li>
 * </ul>
 */
public final class ReportDirectory {
    private final Path dir;

    /** The output directory (created when published if it does not exist). */
    public ReportDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Writes a report set into a staging folder; everything it creates there is published together. */
    @FunctionalInterface
    public interface StagedWriter {
        /**
         * Writes files and folders into {@code staging} (an empty folder on the output directory's file system).
         * Entry names must not start with a dot (those are temporary files and are not published).
         */
        void writeInto(Path staging) throws IOException;
    }

    /**
     * Writes the files; returns the directory they ended up in ({@code dir} itself or a new {@code run-N}).
     *
     * @throws UserError when the directory cannot be created or written (e.g. it is a file, or not writable)
     */
    public Path publish(List<ReportFile> files) {
        Set<String> names = new HashSet<>();
        for (ReportFile f : files) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("report file '" + f.name() + "' given twice");
            }
        }
        return publish(staging -> {
            for (ReportFile f : files) {
                try (OutputStream out = Files.newOutputStream(staging.resolve(f.name()))) {
                    f.content().writeTo(out);
                }
            }
        });
    }

    /**
     * Lets {@code writer} fill a staging folder (files written while a long run goes on, e.g. one activation per
     * layer, never held in memory together), then publishes everything it created with the rules above. When the
     * writer fails, the staging folder is removed and nothing is published.
     *
     * @return the directory the set ended up in ({@code dir} itself or a new {@code run-N})
     * @throws UserError when the directory cannot be created or written
     */
    public Path publish(StagedWriter writer) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UserError(dir + ": output directory is an existing file");
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create output directory: " + e.getMessage());
        }
        Path staging;
        try {
            staging = Files.createTempDirectory(dir, ".sasim-staging-");
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write to output directory: " + e.getMessage());
        }
        try {
            writer.writeInto(staging);
            List<String> names = new ArrayList<>();
            try (Stream<Path> s = Files.list(staging)) {
                for (Path p : s.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".")) {
                        deleteTree(p);
                    } else {
                        names.add(n);
                    }
                }
            }
            boolean clash = names.stream().anyMatch(n -> Files.exists(dir.resolve(n)));
            if (!clash) {
                List<Path> moved = new ArrayList<>();
                for (String n : names) {
                    Path target = dir.resolve(n);
                    try {
                        move(staging.resolve(n), target);
                    } catch (FileAlreadyExistsException raced) {
                        // Another process wrote the same name meanwhile: put the rest aside in a run folder too.
                        clash = true;
                        for (Path p : moved) {
                            Files.move(p, staging.resolve(p.getFileName()));
                        }
                        break;
                    }
                    moved.add(target);
                }
                if (!clash) {
                    deleteTree(staging);
                    return dir;
                }
            }
            for (int n = 2; ; n++) {
                Path run = dir.resolve("run-" + n);
                if (Files.exists(run)) {
                    continue;
                }
                try {
                    move(staging, run);
                    return run;
                } catch (FileAlreadyExistsException raced) {
                    // taken by a concurrent run; try the next number
                }
            }
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UserError(dir + ": writing reports failed: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    /** Atomic rename that never replaces an existing target. */
    private static void move(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException ignored) {
            // best effort: the staging folder's name says what it is
        }
    }
}
