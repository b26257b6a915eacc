package org.storemulti.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's tour, as the man pages' EXAMPLES: each shell block goes to the command it
 * runs most, with the checkout's {@code bin/} dropped and the sandbox's paths turned into a
 * system install's ({@code sandbox/etc/store} is {@code /etc/store}).
 */
final class TourExamples {

    private static final Pattern LAUNCHER = Pattern.compile("\\bbin/(store(?:multi|ctl|conf|adm))\\b");

    private final Map<String, List<List<String>>> blocksByCommand;

    private TourExamples(Map<String, List<List<String>>> blocksByCommand) {
        this.blocksByCommand = blocksByCommand;
    }

    static TourExamples read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Tour");
        if (start < 0) {
            throw new IllegalStateException(readme + ": no '## Tour' section for the man pages' examples");
        }
        Map<String, List<List<String>>> blocks = new LinkedHashMap<>();
        List<String> block = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (block == null && line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new ArrayList<>();
                } else {
                    blocks.computeIfAbsent(mainCommand(readme, block), c -> new ArrayList<>()).add(block.stream()
                            .map(l -> LAUNCHER.matcher(l).replaceAll("$1").replace("sandbox/", "/")).toList());
                    block = null;
                }
            } else if (block != null) {
                block.add(line);
            }
        }
        return new TourExamples(blocks);
    }

    /** The command a block runs most often. */
    private static String mainCommand(Path readme, List<String> block) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : block) {
            Matcher m = LAUNCHER.matcher(line);
            while (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException(readme + ": a tour block runs none of the commands: "
                        + block));
    }

    /** The EXAMPLES of {@code command}'s page, as AsciiDoc literal blocks. */
    String adoc(String command) {
        List<List<String>> blocks = blocksByCommand.get(command);
        if (blocks == null) {
            throw new IllegalStateException("the README's tour has no example of " + command);
        }
        StringBuilder out = new StringBuilder();
        for (List<String> block : blocks) {
            out.append("----\n").append(String.join("\n", block)).append("\n----\n\n");
        }
        return out.toString();
    }
}
