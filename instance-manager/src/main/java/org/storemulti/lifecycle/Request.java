package org.storemulti.lifecycle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.storemulti.registry.Selection;

/**
 * One {@code storemulti -e ACTION} invocation.
 *
 * @param primaryDirectory the primary's config directory
 * @param selection {@code -a}, {@code -g} or {@code -i}: the target (destroy, enable...) or the placement anchor (create, import)
 * @param newName {@code -I}: empty when not given, {@code ""} to clear
 * @param newGroup {@code -G}: empty when not given, {@code ""} to clear
 * @param settings {@code param=value} arguments
 * @param warnings where warnings go, one line each
 */
public record Request(Path primaryDirectory, Selection selection, Optional<String> newName,
        Optional<String> newGroup, List<String> settings, PrintWriter warnings) {

    public Request {
        settings = List.copyOf(settings);
    }

    /** Prints {@code storemulti: warning: TEXT}. */
    void warn(String text) {
        warnings.println("storemulti: warning: " + text);
        warnings.flush();
    }

    /** The {@code -i} selection an action on one instance needs. */
    Selection.Named target() {
        if (selection instanceof Selection.Named named) {
            return named;
        }
        throw new LifecycleException("Select an instance via '-i name'");
    }
}
