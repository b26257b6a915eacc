package org.storemulti.move;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.storemulti.config.InstanceConfig;

/**
 * Runs {@code storemulti_postmap_command FILE} after user-move rewrote the map, so Postfix
 * routes by the new map at once (its daemons notice a changed table and restart themselves).
 */
final class Postmap {

    private static final long TIMEOUT_SECONDS = 60;

    private Postmap() {
    }

    static void run(String command, Path map) {
        List<String> words = new ArrayList<>(InstanceConfig.words(command));
        words.add(map.toString());
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
                        + " (fix it and run the move again; storemulti_postmap_command names the command)");
            }
        } catch (IOException e) {
            throw new MoveException(String.join(" ", words) + ": " + e.getMessage() + " (install Postfix's postmap,"
                    + " or set storemulti_postmap_command in the primary's main.cf)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MoveException(String.join(" ", words) + ": interrupted", e);
        }
    }
}
