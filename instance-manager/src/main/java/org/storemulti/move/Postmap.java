package org.storemulti.move;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.storemulti.config.InstanceConfig;

/**
 * Runs the MTA's commands after user-move rewrote the map: {@code storemulti_postmap_command
 * FILE}, then {@code storemulti_mta_reload_command}, so Postfix routes by the new map at once.
 */
final class Postmap {

    private static final long TIMEOUT_SECONDS = 60;

    private Postmap() {
    }

    /** Runs {@code command}'s words and {@code arguments}; a failure is a {@link MoveException} with its output. */
    static void run(String command, List<String> arguments) {
        List<String> words = new ArrayList<>(InstanceConfig.words(command));
        words.addAll(arguments);
        try {
            Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MoveException(String.join(" ", words) + ": no exit within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new MoveException(String.join(" ", words) + ": exit " + process.exitValue() + ": " + output
                        + " (fix it and run the move again; the primary's storemulti_*_command parameters name the commands)");
            }
        } catch (IOException e) {
            throw new MoveException(String.join(" ", words) + ": " + e.getMessage() + " (install Postfix, or set"
                    + " storemulti_postmap_command and storemulti_mta_reload_command in the primary's main.cf)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MoveException(String.join(" ", words) + ": interrupted", e);
        }
    }
}
