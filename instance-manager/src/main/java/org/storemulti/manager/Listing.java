package org.storemulti.manager;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.storemulti.cli.JsonLines;
import org.storemulti.registry.Instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** What {@code storemulti -l} prints: postmulti's columns, Postfix 3.11's JSON lines ({@code -j}), or YAML/JSON records. */
final class Listing {

    /** One listed instance, as {@code --format} prints it. */
    @JsonPropertyOrder({"name", "group", "enabled", "config_directory", "queue_directory", "data_directory", "running"})
    record Entry(String name, String group, String enabled,
            @JsonProperty("config_directory") String configDirectory,
            @JsonProperty("queue_directory") String queueDirectory,
            @JsonProperty("data_directory") String dataDirectory,
            boolean running) {

        static Entry of(Instance i) {
            return new Entry(orDash(i.name()), orDash(i.group()), i.enabled() ? "y" : "n",
                    i.configDirectory().toString(), i.queueDirectory().toString(), i.dataDirectory().toString(),
                    i.running());
        }
    }

    private Listing() {
    }

    /** {@code printf("%-15s %-15s %-9s %s\n")}: name, group, y/n, config directory, no header, nothing truncated. */
    static void columns(List<Instance> instances, PrintWriter out) {
        for (Instance i : instances) {
            out.printf("%-15s %-15s %-9s %s%n", orDash(i.name()), orDash(i.group()), i.enabled() ? "y" : "n",
                    i.configDirectory());
        }
        out.flush();
    }

    /** {@code -j}: one JSON object per line, as Postfix 3.11's {@code postmulti -j}. */
    static void jsonLines(List<Instance> instances, PrintWriter out) {
        for (Instance i : instances) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", orDash(i.name()));
            line.put("group", orDash(i.group()));
            line.put("enabled", i.enabled() ? "y" : "n");
            line.put("config_directory", i.configDirectory().toString());
            JsonLines.print(out, line);
        }
        out.flush();
    }

    /** {@code --format yaml|json}: a list of records with directories and running state. */
    static void records(List<Instance> instances, String format, PrintWriter out) {
        ObjectMapper mapper = format.equals("yaml")
                ? new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
                : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            out.print(mapper.writeValueAsString(instances.stream().map(Entry::of).toList()));
            if (format.equals("json")) {
                out.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
