package org.storemulti.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** A Picocli command built from an {@link AdminCommand} row: its arguments, help and action. */
final class TableCommand implements Callable<Integer> {

    private final AdminCommand row;
    private final AdminSession session;
    private CommandSpec spec;

    private TableCommand(AdminCommand row, AdminSession session) {
        this.row = row;
        this.session = session;
    }

    static CommandLine create(AdminCommand row, AdminSession session, String name) {
        TableCommand command = new TableCommand(row, session);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name(name);
        spec.usageMessage().description(describe(row, name));
        spec.parser().unmatchedOptionsArePositionalParams(true);
        spec.addOption(OptionSpec.builder("--help").usageHelp(true).description("Show this help and exit.").build());
        int index = 0;
        for (String label : row.paramLabels()) {
            boolean optional = label.startsWith("[");
            spec.addPositional(PositionalParamSpec.builder().index(Integer.toString(index++))
                    .paramLabel(optional ? label.substring(1, label.length() - 1) : label)
                    .arity(optional ? "0..1" : "1").required(!optional).type(String.class).initialValue(null)
                    .hasInitialValue(true).build());
        }
        return new CommandLine(spec);
    }

    private static String describe(AdminCommand row, String name) {
        String other = name.equals(row.seedName()) ? row.readable() : row.seedName();
        return row.description() + (other == null ? "" : " (also: " + other + ")");
    }

    @Override
    public Integer call() {
        List<String> values = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            values.add(p.getValue());
        }
        PrintWriter out = spec.commandLine().getOut();
        row.action().run(session, new AdminCommand.Args(values), out);
        out.flush();
        return 0;
    }
}
