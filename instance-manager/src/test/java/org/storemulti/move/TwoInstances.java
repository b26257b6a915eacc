package org.storemulti.move;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.MessageInfo;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers;
import org.storemulti.testing.Launchers.Run;

/**
 * A sandbox made by the real {@code bin/storemulti} with the enabled instances store-a and
 * store-b, each with the domain example.org; the tests write mail into the stores through the
 * engine (safe beside the commands, as beside a daemon) and read it back by Message-ID.
 */
final class TwoInstances {

    static final String DOMAIN = "example.org";
    private static final Pattern MESSAGE_ID = Pattern.compile("(?mi)^Message-ID: *(<[^>]+>)");

    final InstanceSet set;
    final LaunchedInstance a;
    final LaunchedInstance b;
    private final LaunchedInstance c;

    private TwoInstances(InstanceSet set) {
        this.set = set;
        this.a = LaunchedInstance.of(set, "store-a");
        this.b = LaunchedInstance.of(set, "store-b");
        this.c = LaunchedInstance.of(set, "store-c");
    }

    static TwoInstances create(Path root, String... more) throws Exception {
        LaunchedInstance first = LaunchedInstance.create(root, "store-a");
        TwoInstances two = new TwoInstances(first.set());
        List<String> names = new java.util.ArrayList<>(List.of("store-b"));
        names.addAll(List.of(more));
        for (String name : names) {
            two.storemulti("-e", "create", "-I", name);
        }
        for (String name : List.of("store-a", "store-b")) {
            two.storemulti("-i", name, "-e", "enable");
        }
        for (LaunchedInstance instance : List.of(two.a, two.b)) {
            try (Store store = two.store(instance)) {
                store.domains().add(DOMAIN);
            }
        }
        return two;
    }

    /** {@code bin/storemulti -c PRIMARY args}, exit 0 required. */
    Run storemulti(String... args) throws Exception {
        return a.ok("storemulti", "", args);
    }

    /** {@code bin/storeconf -c PRIMARY args}, exit 0 required. */
    Run primaryConf(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("-c", set.primary().toString()));
        all.addAll(List.of(args));
        Run run = Launchers.exec(Launchers.command("storeconf", all.toArray(String[]::new)));
        assertEquals(0, run.exit(), run.toString());
        return run;
    }

    /** {@code bin/storemulti -c PRIMARY args} with {@code -Dstoremulti.crash=STEP}. */
    Run crashing(String step, String... args) throws Exception {
        return Launchers.exec(a.command("storemulti", args), Map.of("STOREMULTI_JAVA_OPTS", "-Dstoremulti.crash=" + step),
                "");
    }

    /** store-c, when the set was made with it (disabled). */
    LaunchedInstance c() {
        return c;
    }

    Store store(LaunchedInstance instance) {
        return Store.open(set.path("var/lib/" + instance.configDirectory().getFileName()));
    }

    Path dataDirectory(LaunchedInstance instance) {
        return set.path("var/lib/" + instance.configDirectory().getFileName());
    }

    /** Adds the user with an auth account to {@code instance}. */
    void addUser(LaunchedInstance instance, String name) {
        try (Store store = store(instance)) {
            store.mailboxes().addUser(DOMAIN, name);
            store.authAccounts().add(name + "@" + DOMAIN, "secret-" + name);
        }
    }

    /** Delivers messages {@code from} to {@code to} (exclusive), each with Message-ID {@code <n.user@test>}. */
    void deliver(LaunchedInstance instance, String name, int from, int to) {
        try (Store store = store(instance)) {
            List<Delivery> deliveries = new java.util.ArrayList<>();
            for (int n = from; n < to; n++) {
                deliveries.add(Delivery.of(DOMAIN, "user/" + name + "/INBOX", message(name, n)));
            }
            store.deliver(deliveries);
        }
    }

    static byte[] message(String name, int n) {
        return ("From: sender@example.net\r\nTo: " + name + "@" + DOMAIN + "\r\nSubject: message " + n
                + "\r\nMessage-ID: <" + n + "." + name + "@test>\r\n\r\nbody of message " + n + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Message-ID to how many times the user's INBOX on {@code instance} holds it (empty without the user). */
    Map<String, Integer> messageIds(LaunchedInstance instance, String name) {
        Map<String, Integer> ids = new HashMap<>();
        try (Store store = store(instance)) {
            if (store.users().list(DOMAIN, name).isEmpty()) {
                return ids;
            }
            String inbox = "user/" + name + "/INBOX";
            for (MessageInfo info : store.messages().list(DOMAIN, inbox)) {
                Matcher m = MESSAGE_ID.matcher(new String(store.messages().read(DOMAIN, inbox, info.uid()),
                        StandardCharsets.US_ASCII));
                ids.merge(m.find() ? m.group(1) : "none", 1, Integer::sum);
            }
        }
        return ids;
    }

    /** Requires exactly messages {@code 0..count-1} of the user, once each, on {@code instance}. */
    void assertHolds(LaunchedInstance instance, String name, int count) {
        Map<String, Integer> expected = new HashMap<>();
        for (int n = 0; n < count; n++) {
            expected.put("<" + n + "." + name + "@test>", 1);
        }
        assertEquals(expected, messageIds(instance, name), instance.configDirectory() + ": " + name);
    }

    /** Whether the user's auth account on {@code instance} is enabled. */
    boolean loginEnabled(LaunchedInstance instance, String name) {
        try (Store store = store(instance)) {
            return store.authAccounts().get(name + "@" + DOMAIN).enabled();
        }
    }
}
