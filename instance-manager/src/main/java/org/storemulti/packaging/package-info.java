/**
 * What the distribution and the Debian package ship beside the jars, generated at build
 * time ({@link org.storemulti.packaging.PackageFiles}, run by the manager's pom): the man
 * pages (picocli-codegen's AsciiDoc from the four commands' Picocli definitions, the
 * storeadm command table, the parameter registry and the README tour, rendered to roff by
 * asciidoctor), bash completion (picocli's AutoComplete plus instance names from
 * {@code storemulti -l}), the systemd units and the logrotate snippet for the default primary.
 *
 * <p>Owns the page and completion layouts and the hand-written page templates it fills
 * ({@code instance-manager/src/man/}). Must not restate a fact the commands, the registry,
 * the command table or the README already hold: it reads them. Runs in the build only,
 * never on an installed system (picocli-codegen is not shipped).
 */
package org.storemulti.packaging;
