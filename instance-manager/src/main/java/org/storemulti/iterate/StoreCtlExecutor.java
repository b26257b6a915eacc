package org.storemulti.iterate;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.storemulti.control.StoreCtl;

/** {@code -p}: runs {@code storectl -c CONFIG_DIR [-v...] COMMAND...} in this JVM through the runtime's control API. */
public final class StoreCtlExecutor implements StepExecutor {

    private final int verbosity;

    /** @param verbosity the number of {@code -v} given to storemulti, passed on to storectl */
    public StoreCtlExecutor(int verbosity) {
        this.verbosity = verbosity;
    }

    @Override
    public int run(Step step, OutputStream out, OutputStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(Collections.nCopies(verbosity, "-v"));
            args.addAll(step.command());
            return StoreCtl.run(step.instance().configDirectory(), args, o, e);
        } finally {
            o.flush();
            e.flush();
        }
    }
}
