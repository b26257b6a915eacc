/**
 * What every storemulti command shares at its edge: running a Picocli command with the
 * project's exit codes (0 ok, 1 failure, 2 usage) and one-line diagnostics, and the
 * version string. The single-instance commands {@code storeconf} live here too.
 *
 * <p>Owns process exit codes and stderr wording; must hold no business logic beyond
 * parsing arguments and printing results.
 */
package org.storemulti.cli;
