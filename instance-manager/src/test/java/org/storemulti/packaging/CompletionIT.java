package org.storemulti.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.Parameter;
import org.storemulti.config.ParameterRegistry;
import org.storemulti.control.StoreCtl;
import org.storemulti.manager.StoreMulti;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.ProcessRun;

/**
 * The bash completion the build generated, sourced into a real bash and asked for
 * completions the way bash asks ({@code COMP_WORDS}, {@code COMP_CWORD}, then the function
 * {@code complete -p} names). Instance names come from a real primary through the
 * checkout's {@code bin/storemulti}, as they would from an installed one.
 */
class CompletionIT {

    private static final Path COMPLETIONS = InstanceSet.checkout()
            .resolve("instance-manager/target/packaging/share/bash-completion/completions");

    @TempDir
    Path temp;

    /** What bash offers for the last word of {@code words} (the command line so far, the word being typed last). */
    private static List<String> complete(String... words) {
        String command = words[0].substring(words[0].lastIndexOf('/') + 1);
        Path script = COMPLETIONS.resolve(command);
        assertTrue(Files.isRegularFile(script), "no completion for " + command + " in " + COMPLETIONS + ": run mvn package");
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        // bash runs compopt only inside a completion it started itself, which a script cannot;
        // the harness calls the function directly, so compopt (which only sets display options) is a no-op
        String program = "compopt() { :; }\n"
                + "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "function=$(complete -p " + command + " | sed 's/.* -F \\([^ ]*\\) .*/\\1/')\n"
                + "\"$function\" " + command + " \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessRun run = ProcessRun.run(List.of("bash", "--norc", "--noprofile", "-c", program), Map.of(),
                Duration.ofMinutes(1)).ok();
        assertEquals("", run.err(), "bash said something while completing " + String.join(" ", words));
        return run.out().lines().filter(l -> !l.isEmpty()).sorted().toList();
    }

    @Test
    void storeadmCompletesItsGroupsAndTheirCommands() {
        assertEquals(List.of("domain"), complete("storeadm", "dom"));
        List<String> domain = complete("storeadm", "domain", "");
        assertTrue(domain.containsAll(List.of("add", "del", "list", "set-quota")), domain.toString());
        assertEquals(List.of("list"), complete("storeadm", "queue", "li"));
        assertEquals(List.of("backup"), complete("storeadm", "db", "back"));
    }

    @Test
    void storectlCompletesEveryCommandWord() {
        List<String> all = new ArrayList<>();
        new StoreCtl.CommandWords().forEach(all::add);
        assertEquals(all.stream().sorted().toList(), complete("storectl", ""));
        assertEquals(List.of("start", "start-fg", "status", "stop"), complete("storectl", "-v", "st"));
    }

    @Test
    void storeconfCompletesTheRegistrysParameterNames() {
        List<String> lmtp = ParameterRegistry.all().stream().map(Parameter::name).filter(n -> n.startsWith("lmtp_")).sorted()
                .toList();
        assertTrue(lmtp.size() >= 2, lmtp.toString());
        assertEquals(lmtp, complete("storeconf", "-d", "lmtp_"));
    }

    @Test
    void storemultiCompletesActionsAndKeepsCompletingAfterARepeatableFlag() {
        List<String> actions = new ArrayList<>();
        new StoreMulti.ActionWords().forEach(actions::add);
        assertEquals(actions.stream().sorted().toList(), complete("storemulti", "-e", ""));
        assertTrue(complete("storemulti", "-l", "-").contains("-j"), "-l took the next word for its value");
        assertEquals(List.of("start", "start-fg", "status", "stop"), complete("storemulti", "-p", "st"));
    }

    @Test
    void storemultiCompletesTheInstanceNamesAndGroupsOfThePrimaryGiven() {
        InstanceSet set = InstanceSet.on(temp);
        set.ok("-e", "init");
        set.ok("-e", "create", "-I", "store-mail", "-G", "mta");
        set.ok("-e", "create", "-I", "store-archive", "-G", "cold");
        String storemulti = InstanceSet.checkout().resolve("bin/storemulti").toString();
        String primary = set.primary().toString();

        assertEquals(List.of("-", "store-archive", "store-mail"), complete(storemulti, "-c", primary, "-i", ""));
        assertEquals(List.of("store-mail"), complete(storemulti, "-c", primary, "-i", "store-m"));
        assertEquals(List.of("cold", "mta"), complete(storemulti, "-c", primary, "-g", ""));
    }
}
