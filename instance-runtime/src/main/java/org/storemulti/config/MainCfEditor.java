package org.storemulti.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.EditLock;

/**
 * Edits a main.cf on disk the way {@code postconf -e} / {@code -X} do, but serialized
 * and crash-safe: take the edit lock, read the current text, apply the edit, replace the
 * file atomically. Two processes editing at once both see their edit survive.
 */
public final class MainCfEditor {

    private MainCfEditor() {
    }

    /** Sets and removes parameters in {@code file}; returns the text now on disk. */
    public static MainCf edit(Path file, Map<String, String> set, Collection<String> remove) {
        try (EditLock lock = EditLock.acquire(file)) {
            MainCf edited = MainCf.read(file).edit(set, remove);
            AtomicFile.write(file, edited.text());
            return edited;
        } catch (IOException e) {
            throw new ConfigException("edit " + file + ": " + e.getMessage(), e);
        }
    }

    /** Sets parameters in {@code file}. */
    public static MainCf set(Path file, Map<String, String> set) {
        return edit(file, set, java.util.List.of());
    }
}
