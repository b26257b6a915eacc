package org.storemulti.admin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the tools with options of their own share: {@code --help}, the seed's {@code -f config}, output. */
abstract class ToolCommand implements Callable<Integer> {

    final AdminSession session;

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    ToolCommand(AdminSession session) {
        this.session = session;
    }

    @Option(names = "-f", paramLabel = "config", description = "main.cf (or its directory) of the instance.")
    void config(Path mainCf) {
        if (mainCf != null) {
            session.overrideConfig(mainCf);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
