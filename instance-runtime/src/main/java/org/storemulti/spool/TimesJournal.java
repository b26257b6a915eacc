package org.storemulti.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A save's note, before it reads a mailbox, of the times it will put back: if the save is
 * killed between reading and putting them back, the next save finds the note in the
 * unfinished archive and puts them back then (if the mailbox has not changed since). Not
 * synced: it guards against a killed process, after which the page cache still holds it.
 */
final class TimesJournal {

    static final String FILE = ".times";

    /** One mailbox's times before the save read it. */
    record Times(String name, FileTime modified, FileTime accessed) {
    }

    private TimesJournal() {
    }

    /** Begins the note of an unfinished archive, naming the spool it is about. */
    static void start(Path partial, Path spool) throws IOException {
        Files.writeString(partial.resolve(FILE), "spool " + Manifest.encode(spool.toString()) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** The spool an unfinished archive's note is about, or null if it has none. */
    static String spoolOf(Path partial) throws IOException {
        try {
            List<String> lines = Files.readAllLines(partial.resolve(FILE), StandardCharsets.UTF_8);
            return !lines.isEmpty() && lines.get(0).startsWith("spool ") ? Manifest.decode(lines.get(0).substring(6))
                    : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static void record(Path partial, Times times) throws IOException {
        String line = Manifest.encode(times.name()) + " " + nanos(times.modified()) + " " + nanos(times.accessed()) + " .\n";
        Files.writeString(partial.resolve(FILE), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The notes in an unfinished archive; a torn last line (killed mid-write) is skipped. */
    static List<Times> read(Path partial) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(partial.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Times> all = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            if (words.length == 4 && words[3].equals(".") && words[1].matches("[0-9]+") && words[2].matches("[0-9]+")) {
                all.add(new Times(Manifest.decode(words[0]), time(words[1]), time(words[2])));
            }
        }
        return all;
    }

    private static String nanos(FileTime time) {
        Instant instant = time.toInstant();
        return instant.getEpochSecond() + String.format("%09d", instant.getNano());
    }

    private static FileTime time(String nanos) {
        long value = Long.parseLong(nanos);
        return FileTime.from(Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
                Math.floorMod(value, 1_000_000_000L)));
    }
}
