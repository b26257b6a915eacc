package org.storemulti.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;

/**
 * One instance's configuration as its code reads it: main.cf values layered over the
 * registry defaults, {@code $name}-expanded, with typed access.
 *
 * <p>Reading the text stays with {@link MainCf} and expansion with {@link Expander}
 * (Commons Configuration's readers would mangle main.cf); the expanded values are then
 * held in Apache Commons Configuration: a {@link CompositeConfiguration} with main.cf's
 * layer over the defaults' layer gives typed conversion (booleans accept Postfix's
 * {@code yes}/{@code no}) and the default fallback in one place.
 *
 * <p>Safe to share between threads (a daemon's services and its log read one instance):
 * expansion, which caches and tracks references in progress, runs under this object's lock.
 */
public final class InstanceConfig {

    private final Path configDirectory;
    private final MainCf mainCf;
    private final Expander expander;
    private CompositeConfiguration typed;

    private InstanceConfig(Path configDirectory, MainCf mainCf) {
        this.configDirectory = configDirectory;
        this.mainCf = mainCf;
        this.expander = new Expander(this::raw);
    }

    /** Reads {@code configDirectory/main.cf}. */
    public static InstanceConfig load(Path configDirectory) {
        Path dir = configDirectory.toAbsolutePath().normalize();
        return new InstanceConfig(dir, MainCf.read(dir.resolve("main.cf")));
    }

    /** The configuration that {@code mainCf} gives an instance at {@code configDirectory}. */
    public static InstanceConfig of(Path configDirectory, MainCf mainCf) {
        return new InstanceConfig(configDirectory.toAbsolutePath().normalize(), mainCf);
    }

    /**
     * The directory a command acts on: {@code -c} if given, else {@code $STORE_CONFIG},
     * else the compiled-in primary.
     */
    public static Path chooseDirectory(Path option, Map<String, String> environment) {
        if (option != null) {
            return option;
        }
        String fromEnvironment = environment.get("STORE_CONFIG");
        return Path.of(fromEnvironment == null || fromEnvironment.isEmpty()
                ? ParameterRegistry.DEFAULT_CONFIG_DIRECTORY : fromEnvironment);
    }

    public Path configDirectory() {
        return configDirectory;
    }

    public Path mainCfPath() {
        return configDirectory.resolve("main.cf");
    }

    public MainCf mainCf() {
        return mainCf;
    }

    /**
     * The unexpanded value: main.cf's, else the registry default; empty for a name
     * neither knows. {@code config_directory} is always where main.cf was read from.
     */
    public Optional<String> raw(String name) {
        if (name.equals("config_directory")) {
            return Optional.of(configDirectory.toString());
        }
        Optional<String> set = mainCf.value(name);
        return set.isPresent() ? set : ParameterRegistry.find(name).map(Parameter::defaultValue);
    }

    /** Whether main.cf sets {@code name} explicitly. */
    public boolean isSet(String name) {
        return mainCf.value(name).isPresent();
    }

    /** The expanded value ({@code ""} when undefined). */
    public synchronized String get(String name) {
        return expander.value(name);
    }

    /** Expands references in arbitrary text against this configuration. */
    public synchronized String expand(String text) {
        return expander.expand(text);
    }

    /** An absolute path parameter; a relative value is an error naming the file. */
    public Path path(String name) {
        String value = get(name);
        if (!value.startsWith("/")) {
            throw new ConfigException(where(name) + ": " + name + " = " + value + ": specify an absolute pathname");
        }
        return configDirectory.getFileSystem().getPath(value);
    }

    /** A yes/no parameter; anything else is an error naming the file and value. */
    public boolean bool(String name) {
        check(name, ParameterType.BOOLEAN);
        return typed().getBoolean(name);
    }

    /** A whole-number parameter, within its registry range. */
    public long number(String name) {
        check(name, ParameterType.INTEGER);
        return inRange(name, ParameterType.INTEGER);
    }

    /** A whole-number parameter that the registry bounds to an {@code int}. */
    public int intNumber(String name) {
        return Math.toIntExact(number(name));
    }

    /** A time parameter ({@code 300s}, {@code 5m}, plain seconds), within its registry range. */
    public Duration time(String name) {
        check(name, ParameterType.TIME);
        return Duration.ofSeconds(inRange(name, ParameterType.TIME));
    }

    /**
     * The value of a checked numeric parameter (a time in seconds), or an error naming
     * {@code main.cf:LINE} when it is outside the parameter's range or overflows.
     */
    private long inRange(String name, ParameterType type) {
        String value = get(name).strip();
        Optional<Range> range = ParameterRegistry.find(name).flatMap(Parameter::numericRange);
        OptionalLong parsed = type == ParameterType.TIME ? seconds(value) : whole(value);
        if (parsed.isEmpty() || range.isPresent() && !range.get().contains(parsed.getAsLong())) {
            String expected = range.map(r -> r.expectation(type)).orElse("out of range");
            throw new ConfigException(where(name) + ": " + name + " = " + value + ": " + expected);
        }
        return parsed.getAsLong();
    }

    private static OptionalLong whole(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // digits only (checked), so it overflows a long
        }
    }

    private static OptionalLong seconds(String time) {
        char unit = time.charAt(time.length() - 1);
        long perUnit = switch (unit) {
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            case 'w' -> 7 * 86_400;
            default -> 1;
        };
        OptionalLong count = whole(Character.isDigit(unit) ? time : time.substring(0, time.length() - 1));
        try {
            return count.isEmpty() ? count : OptionalLong.of(Math.multiplyExact(count.getAsLong(), perUnit));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** A list parameter split on commas and/or white space. */
    public List<String> list(String name) {
        return words(get(name));
    }

    /** Splits a Postfix list value on commas and/or white space. */
    public static List<String> words(String value) {
        List<String> words = new ArrayList<>(Arrays.asList(value.strip().split("[\\s,]+")));
        words.removeIf(String::isEmpty);
        return List.copyOf(words);
    }

    public Path queueDirectory() {
        return path("queue_directory");
    }

    public Path dataDirectory() {
        return path("data_directory");
    }

    /** {@code multi_instance_name}, empty for a nameless instance. */
    public String instanceName() {
        return get("multi_instance_name");
    }

    public String instanceGroup() {
        return get("multi_instance_group");
    }

    public boolean enabled() {
        return bool("multi_instance_enable");
    }

    /**
     * Every type or range problem of a known parameter that main.cf sets, as
     * {@code main.cf:LINE: name = value: expected ...}. Expansion errors (loops, bad
     * references) are reported the same way. Defaults are not checked on their own: a
     * default is only wrong through a set parameter it refers to, which is reported.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Parameter p : ParameterRegistry.all()) {
            problem(p.name()).ifPresent(problems::add);
        }
        return problems;
    }

    /** The problem of {@code name} as {@link #problems} reports it, if main.cf sets it and it is known. */
    public Optional<String> problem(String name) {
        Optional<Parameter> known = ParameterRegistry.find(name);
        if (known.isEmpty() || !isSet(name)) {
            return Optional.empty();
        }
        Parameter p = known.get();
        try {
            String value = get(name);
            Optional<String> wrongType = p.type().check(value);
            if (wrongType.isPresent()) {
                return Optional.of(where(name) + ": " + name + " = " + value + ": " + wrongType.get());
            }
            if (p.numericRange().isPresent()) {
                inRange(name, p.type());
            }
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage().startsWith(where(name)) ? e.getMessage() : where(name) + ": " + e.getMessage());
        }
    }

    private void check(String name, ParameterType type) {
        String value = get(name);
        type.check(value).ifPresent(e -> {
            throw new ConfigException(where(name) + ": " + name + " = " + value + ": " + e);
        });
    }

    /** {@code file:line} of the definition of {@code name}, or the file when it is a default. */
    public String where(String name) {
        return mainCf.definition(name)
                .map(d -> mainCf.source() + ":" + d.firstLine())
                .orElse(mainCf.source());
    }

    /** Main.cf's values over the registry defaults, expanded, for typed access. */
    public synchronized Configuration typed() {
        if (typed == null) {
            Map<String, Object> explicit = new LinkedHashMap<>();
            mainCf.values().keySet().forEach(n -> explicit.put(n, get(n)));
            Map<String, Object> defaults = new LinkedHashMap<>();
            ParameterRegistry.all().forEach(p -> defaults.put(p.name(), get(p.name())));
            CompositeConfiguration layers = new CompositeConfiguration();
            layers.setListDelimiterHandler(DisabledListDelimiterHandler.INSTANCE);
            layers.setInterpolator(null);
            layers.addConfiguration(layer(explicit));
            layers.addConfiguration(layer(defaults));
            typed = layers;
        }
        return typed;
    }

    private static MapConfiguration layer(Map<String, Object> values) {
        MapConfiguration layer = new MapConfiguration(values);
        layer.setListDelimiterHandler(DisabledListDelimiterHandler.INSTANCE);
        // values are already expanded; Commons' own ${...} interpolation must not run again
        layer.setInterpolator(null);
        return layer;
    }
}
