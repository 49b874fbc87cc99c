package org.sasim.workloads.input;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for a misspelt name: the closest known name by edit distance, when it is close enough. */
public final class Suggestion {
    private Suggestion() {
    }

    /**
     * The known name nearest to {@code given} (case-insensitive Levenshtein distance), if that distance is at most
     * a third of the longer name (at least 1, at most 3): close enough to be a typo, not a different word.
     */
    public static Optional<String> closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(g, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.min(3, Math.max(1, Math.max(g.length(), best.length()) / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** The hint text: {@code ; did you mean 'x'?} or empty. */
    public static String hint(String given, Collection<String> known) {
        return closest(given, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    /** Levenshtein distance (insertions, deletions, substitutions each cost 1). */
    static int distance(String a, String b) {
        if (a.length() > 200 || b.length() > 200) {
            // Garbage keys can be long; a typo of a short name never is, so do not spend quadratic time on them.
            return Math.abs(a.length() - b.length()) + 200;
        }
        return org.sasim.models.text.EditDistance.between(a, b);
    }
}
