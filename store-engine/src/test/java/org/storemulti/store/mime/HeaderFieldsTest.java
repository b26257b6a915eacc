package org.storemulti.store.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HEADER.FIELDS picks the same fields as the plain reading of RFC 3501 does (each field's
 * name up to its colon, trimmed, compared without case), on seeded random header blocks with
 * odd spacing, case, 8-bit names, continuation lines and bare LFs.
 */
class HeaderFieldsTest {

    static Stream<Integer> seeds() {
        return IntStream.range(0, 60).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void selectPicksWhatTheNameByNameReadingPicks(int seed) {
        Random random = new Random(4000 + seed);
        String[] names = {"Subject", "subject", "SUBJECT", "From", "To", "X-\u00c9t\u00e9", "x-\u00e9t\u00e9", "Date",
            "Message-ID", "Received", ""};
        String[] spaces = {"", " ", "\t", "  "};
        StringBuilder header = new StringBuilder();
        for (int n = random.nextInt(15); n > 0; n--) {
            if (random.nextInt(5) == 0) {
                header.append(" continued ").append(random.nextInt(100)).append(random.nextBoolean() ? "\r\n" : "\n");
                continue;
            }
            header.append(spaces[random.nextInt(spaces.length)]).append(names[random.nextInt(names.length)])
                    .append(spaces[random.nextInt(spaces.length)]).append(random.nextInt(4) == 0 ? "" : ":")
                    .append(" value ").append(n).append(random.nextBoolean() ? "\r\n" : "\n");
        }
        header.append("\r\nbody\r\n");
        byte[] bytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<String> wanted = List.of(names[random.nextInt(names.length)], names[random.nextInt(names.length)]);
        for (boolean exclude : new boolean[] {false, true}) {
            assertArrayEquals(byName(bytes, wanted, exclude), HeaderFields.select(bytes, wanted, exclude),
                    header + " " + wanted + " exclude " + exclude);
        }
    }

    /** The reference: each field's name as a string, trimmed and lower-cased, looked up in a set. */
    private static byte[] byName(byte[] header, List<String> names, boolean exclude) {
        Set<String> wanted = new HashSet<>();
        names.forEach(name -> wanted.add(name.toLowerCase(Locale.ROOT)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean keep = false;
        int start = 0;
        while (start < header.length) {
            int end = start;
            while (end < header.length && header[end] != '\n') {
                end++;
            }
            end = Math.min(end + 1, header.length);
            int contentEnd = end > start && header[end - 1] == '\n' ? end - 1 : end;
            if (contentEnd > start && header[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (contentEnd == start) {
                break;
            }
            if (header[start] != ' ' && header[start] != '\t') {
                int colon = start;
                while (colon < contentEnd && header[colon] != ':') {
                    colon++;
                }
                String name = new String(header, start, colon - start, StandardCharsets.ISO_8859_1).trim()
                        .toLowerCase(Locale.ROOT);
                keep = wanted.contains(name) != exclude;
            }
            if (keep) {
                out.write(header, start, end - start);
            }
            start = end;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
