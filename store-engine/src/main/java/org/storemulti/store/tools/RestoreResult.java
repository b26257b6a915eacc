package org.storemulti.store.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished restore: where the previous data went ({@code NAME.asofTIMESTAMP}), problems
 * found afterwards (none: a backup with problems is refused before the swap), and how many
 * messages and message files the restored store holds.
 */
public record RestoreResult(List<Path> setAside, List<Problem> problems, long messages, long messageFiles) {
}
