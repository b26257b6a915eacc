package org.storemulti.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.FileModes;
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
            AtomicFile.write(file, edited.text(), FileModes.READABLE_FILE);
            return edited;
        } catch (IOException e) {
            throw new ConfigException("edit " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A read-modify-write of {@code file} under its edit lock: {@code change} sees the
     * text as it is on disk while no other editor can change it, and what it returns is
     * written atomically (nothing is written when it returns the same text). Use it when
     * the new value depends on the old one, as a list that several processes extend.
     */
    public static MainCf update(Path file, UnaryOperator<MainCf> change) {
        try (EditLock lock = EditLock.acquire(file)) {
            MainCf current = MainCf.read(file);
            MainCf edited = change.apply(current);
            if (!edited.text().equals(current.text())) {
                AtomicFile.write(file, edited.text(), FileModes.READABLE_FILE);
            }
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
