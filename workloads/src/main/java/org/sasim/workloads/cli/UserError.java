package org.sasim.workloads.cli;

import java.util.List;

/**
 * Bad input that the user can fix: carries one line per problem, each already positioned
 * ({@code FILE:LINE:COLUMN: field.path: what is wrong (got X)} where a position is known).
 */
public final class UserError extends RuntimeException {
    private final List<String> problems;

    public UserError(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public UserError(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
