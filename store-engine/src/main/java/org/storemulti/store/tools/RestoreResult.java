package org.storemulti.store.tools;

import java.nio.file.Path;
import java.util.List;

/** A finished restore: where the previous data went, and what verify found afterwards. */
public record RestoreResult(List<Path> setAside, List<Problem> problems) {
}
