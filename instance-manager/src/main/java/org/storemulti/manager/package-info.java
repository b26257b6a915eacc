/**
 * The {@code storemulti} command: the Picocli command table (the single source of its
 * help and man page), the command-line rules postmulti enforces (exactly one mode, at
 * most one selection, ...), and the printing of {@code -l} listings.
 *
 * <p>Owns the command line and the output formats. Must not touch files or processes
 * itself: it hands requests to the lifecycle, registry and iterate packages. Beside the
 * command lives the entry point the Debian postinst runs, {@code UnpackSqliteLibrary}.
 *
 * <p>instance-manager exports nothing (the top floor): its public types are its programs and
 * what one of its packages uses of another; {@code ExportRulesTest} keeps it so.
 */
package org.storemulti.manager;
