/**
 * Iterating over instances for {@code storemulti -p} and {@code -x}: which instances
 * run what and in which order ({@link org.storemulti.iterate.Plan}: command classes,
 * disabled-instance rules, stop-like reversal), waves for {@code -P N}
 * ({@link org.storemulti.iterate.Waves}), and the executors: storectl in this JVM, any
 * other command through the {@link org.storemulti.iterate.ProcessRunner} seam in front
 * of Apache Commons Exec. Output is passed on whole lines at a time, prefixed with the
 * instance, so parallel instances never interleave mid-line.
 *
 * <p>Owns ordering and process handling. Must not change any main.cf.
 */
package org.storemulti.iterate;
