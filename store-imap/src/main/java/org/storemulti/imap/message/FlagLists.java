package org.storemulti.imap.message;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.storemulti.store.message.Flags;

/**
 * Flag lists as FETCH FLAGS writes them: the system flags in RFC 3501 order, {@code \Recent}
 * when the session holds it, then the keywords. The engine shares one {@link Flags} object
 * per distinct combination, so the text is made once per combination (a FETCH of thousands
 * of messages has a handful).
 */
public final class FlagLists {

    private static final List<String> SYSTEM = List.of(Flags.ANSWERED, Flags.FLAGGED, Flags.DELETED, Flags.SEEN,
            Flags.DRAFT);

    private final Map<Flags, String> plain = new IdentityHashMap<>();
    private final Map<Flags, String> recent = new IdentityHashMap<>();

    /** {@code (\Seen $Label1)}, with {@code \Recent} if {@code isRecent}. */
    public String of(Flags flags, boolean isRecent) {
        return (isRecent ? recent : plain).computeIfAbsent(flags, f -> format(f, isRecent));
    }

    /** The flags in order, without parentheses: what FLAGS and PERMANENTFLAGS list. */
    public static List<String> ordered(Flags flags) {
        List<String> out = new ArrayList<>();
        for (String flag : SYSTEM) {
            if (flags.has(flag)) {
                out.add(flag);
            }
        }
        out.addAll(new TreeSet<>(flags.keywords()));
        return out;
    }

    private static String format(Flags flags, boolean isRecent) {
        List<String> list = ordered(flags);
        if (isRecent) {
            list.add(Math.min(list.size(), countSystem(flags)), "\\Recent");
        }
        return "(" + String.join(" ", list) + ")";
    }

    private static int countSystem(Flags flags) {
        int n = 0;
        for (String flag : SYSTEM) {
            if (flags.has(flag)) {
                n++;
            }
        }
        return n;
    }
}
