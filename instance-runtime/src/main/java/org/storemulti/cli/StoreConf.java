package org.storemulti.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.config.MainCfEditor;
import org.storemulti.config.Parameter;
import org.storemulti.config.ParameterRegistry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code storeconf}: print or edit one instance's main.cf, like Postfix's {@code postconf}. */
@Command(name = "storeconf", separator = " ", versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Print or edit a store instance's main.cf parameters.",
            "Without names, prints every parameter; with names, those parameters.",
            "Values are shown unexpanded unless -x is given."})
public final class StoreConf implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StandardOptions options;

    @Option(names = "-d", description = "Print default values, not main.cf's.")
    boolean defaults;

    @Option(names = "-n", description = "Print only parameters main.cf sets explicitly.")
    boolean nonDefault;

    @Option(names = "-h", description = "Print values only, without \"name = \".")
    boolean valuesOnly;

    @Option(names = "-x", description = "Expand $name references in printed values.")
    boolean expand;

    @Option(names = "-e", description = "Edit main.cf: each argument is name=value.")
    boolean edit;

    @Option(names = "-X", description = "Edit main.cf: remove each named parameter.")
    boolean remove;

    @Parameters(paramLabel = "name", completionCandidates = ParameterNames.class,
            description = "Parameter names (or name=value with -e).")
    List<String> arguments = new ArrayList<>();

    /** Every parameter name the registry knows, for shell completion. */
    public static final class ParameterNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ParameterRegistry.all().stream().map(Parameter::name).iterator();
        }
    }

    public static void main(String[] args) {
        CommandRunner.main("storeconf", new StoreConf(), args);
    }

    @Override
    public Integer call() {
        checkModes();
        Path dir = InstanceConfig.chooseDirectory(options.configDirectory(), System.getenv());
        Path mainCf = dir.resolve("main.cf");
        if (edit) {
            Map<String, String> settings = new LinkedHashMap<>();
            arguments.stream().map(MainCf::setting).forEach(e -> settings.put(e.getKey(), e.getValue()));
            MainCfEditor.update(mainCf, current -> checked(dir, current.edit(settings, List.of()), settings.keySet()));
            return 0;
        }
        if (remove) {
            MainCfEditor.edit(mainCf, Map.of(), arguments);
            return 0;
        }
        // -d shows the registry alone, so it needs no main.cf and expands defaults only
        InstanceConfig config = defaults
                ? InstanceConfig.of(dir, MainCf.empty(mainCf.toString()))
                : InstanceConfig.load(dir);
        return print(config);
    }

    /** {@code edited}, unless a value it sets is of the wrong type or out of range: then nothing is written. */
    private static MainCf checked(Path dir, MainCf edited, Set<String> names) {
        InstanceConfig config = InstanceConfig.of(dir, edited);
        for (String name : names) {
            config.problem(name).ifPresent(problem -> {
                throw new ConfigException(problem + "; main.cf is unchanged");
            });
        }
        return edited;
    }

    private void checkModes() {
        int modes = (edit ? 1 : 0) + (remove ? 1 : 0);
        if (modes > 1 || modes == 1 && (defaults || nonDefault || valuesOnly || expand)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-e and -X edit main.cf and cannot be combined with each other or with -d, -n, -h, -x");
        }
        if (modes == 1 && arguments.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    (edit ? "-e" : "-X") + " needs at least one parameter");
        }
        if (defaults && nonDefault) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-d and -n cannot be combined");
        }
    }

    /**
     * Prints the parameters, then one error line per shown parameter whose main.cf value is
     * of the wrong type or out of range (exit 1), as {@code storectl check} would report it.
     */
    private int print(InstanceConfig config) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> shown = arguments.isEmpty() ? all(config) : named(config, err);
        shown.forEach((name, raw) -> {
            String value = expand ? config.expand(raw) : raw;
            out.println(valuesOnly ? value : value.isEmpty() ? name + " =" : name + " = " + value);
        });
        out.flush();
        List<String> problems = defaults ? List.of()
                : shown.keySet().stream().flatMap(name -> config.problem(name).stream()).toList();
        problems.forEach(problem -> err.println("storeconf: error: " + problem));
        err.flush();
        return problems.isEmpty() ? 0 : CommandRunner.FAILURE;
    }

    /** Every parameter to print when no names are given, sorted by name as postconf does. */
    private Map<String, String> all(InstanceConfig config) {
        Map<String, String> values = new TreeMap<>();
        if (nonDefault) {
            values.putAll(config.mainCf().values());
            if (options.configDirectory() != null) {
                // postconf -c counts the directory as explicitly set
                values.put("config_directory", config.configDirectory().toString());
            }
            return values;
        }
        for (Parameter p : ParameterRegistry.all()) {
            values.put(p.name(), valueOf(config, p.name()));
        }
        if (!defaults) {
            values.putAll(config.mainCf().values());
            values.put("config_directory", config.configDirectory().toString());
        }
        return values;
    }

    /** The named parameters in the order given; unknown names get postconf's warning. */
    private Map<String, String> named(InstanceConfig config, PrintWriter err) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : arguments) {
            boolean known = ParameterRegistry.find(name).isPresent() || !defaults && config.isSet(name);
            if (!known) {
                err.println("storeconf: warning: " + name + ": unknown parameter");
            } else if (!nonDefault || config.isSet(name)) {
                values.put(name, valueOf(config, name));
            }
        }
        err.flush();
        return values;
    }

    private String valueOf(InstanceConfig config, String name) {
        if (defaults) {
            return ParameterRegistry.find(name).map(Parameter::defaultValue).orElse("");
        }
        return config.raw(name).orElse("");
    }
}
