package org.storemulti.iterate;

import java.io.OutputStream;

/** Runs one step and returns its exit status (0 = success). */
@FunctionalInterface
interface StepExecutor {

    int run(Step step, OutputStream out, OutputStream err) throws Exception;
}
