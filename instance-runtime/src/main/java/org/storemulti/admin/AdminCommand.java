package org.storemulti.admin;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the command table for commands that take only positional arguments:
 * the readable name ({@code "domain add"}), the seed name ({@code domain_add}, or
 * {@code null} when the seed has none), the arguments ({@code "DOMAIN [PATTERN]"}, optional
 * ones in brackets), the help text and what it does.
 */
record AdminCommand(String readable, String seedName, String params, String description, Action action) {

    /** What a command does with its session, arguments and standard output. */
    @FunctionalInterface
    interface Action {
        void run(AdminSession session, Args args, PrintWriter out);
    }

    /** The positional arguments as parsed; optional ones not given are {@code null}. */
    record Args(List<String> values) {

        String get(int index) {
            return values.get(index);
        }

        boolean has(int index) {
            return index < values.size() && values.get(index) != null;
        }

        String orElse(int index, String fallback) {
            return has(index) ? values.get(index) : fallback;
        }

        int size() {
            return (int) values.stream().filter(v -> v != null).count();
        }
    }

    static AdminCommand of(String readable, String seedName, String params, String description, Action action) {
        return new AdminCommand(readable, seedName, params, description, action);
    }

    List<String> paramLabels() {
        return params.isEmpty() ? List.of() : Arrays.asList(params.split(" "));
    }
}
