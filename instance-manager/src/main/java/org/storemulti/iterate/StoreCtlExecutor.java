package org.storemulti.iterate;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.storemulti.control.StoreCtl;

/** {@code -p}: runs {@code storectl -c CONFIG_DIR COMMAND...} in this JVM through the runtime's control API. */
public final class StoreCtlExecutor implements StepExecutor {

    @Override
    public int run(Step step, OutputStream out, OutputStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
        try {
            return StoreCtl.run(step.instance().configDirectory(), step.command(), o, e);
        } finally {
            o.flush();
            e.flush();
        }
    }
}
