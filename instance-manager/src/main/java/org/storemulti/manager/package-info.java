/**
 * The {@code storemulti} command: the Picocli command table (the single source of its
 * help and man page), the command-line rules postmulti enforces (exactly one mode, at
 * most one selection, ...), and the printing of {@code -l} listings.
 *
 * <p>Owns the command line and the output formats. Must not touch files or processes
 * itself: it hands requests to the lifecycle, registry and iterate packages. Beside the
 * command live the entry points the install scripts run: {@code ClassDataTraining}
 * ({@code bin/class-data-archives}) and {@code UnpackSqliteLibrary} (the Debian postinst).
 */
package org.storemulti.manager;
