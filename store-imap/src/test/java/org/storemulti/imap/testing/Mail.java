package org.storemulti.imap.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.storemulti.store.Store;
import org.storemulti.store.message.DeliveryPipeline;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.Flags;
import org.storemulti.store.name.Address;
import org.storemulti.store.name.LocalPartRule;

/** Mail for the tests: messages delivered through the engine's delivery path (what LMTP uses), and fixtures. */
public final class Mail {

    /** test-fixtures/ of the checkout. */
    public static final Path FIXTURES = Path.of(System.getProperty("storemulti.checkout", "..")).resolve("test-fixtures");

    private Mail() {
    }

    /** Delivers {@code message} to {@code local@domain} as LMTP would; returns the UID it got. */
    public static long deliver(Store store, String address, byte[] message) {
        int at = address.lastIndexOf('@');
        DeliveryPipeline pipeline = store.pipeline(LocalPartRule.NO_DETAILS);
        DeliveryResult result = pipeline.deliver(List.of(new Address(address.substring(0, at),
                address.substring(at + 1))), message).get(0).result();
        if (result instanceof DeliveryResult.Stored stored) {
            return stored.uid();
        }
        throw new AssertionError("delivery to " + address + " failed: " + result);
    }

    public static long deliver(Store store, String address, String message) {
        return deliver(store, address, message.replace("\r\n", "\n").replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A small message with this subject and body. */
    public static String simple(String subject, String body) {
        return "From: Ann <ann@example.org>\r\nTo: joe@example.com\r\nSubject: " + subject
                + "\r\nDate: Fri, 20 Nov 2026 08:00:00 +0000\r\nMessage-ID: <" + subject.hashCode()
                + "@example.org>\r\n\r\n" + body + "\r\n";
    }

    /** Appends {@code message} to joe's INBOX with these flags and internal date (as APPEND does); its UID. */
    public static long append(Store store, byte[] message, Flags flags, Instant internalDate) {
        try {
            return store.messages().mailbox("example.com", "user/joe/INBOX")
                    .append(new ByteArrayInputStream(message), flags, internalDate).uid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of test-fixtures/imap. */
    public static byte[] imapFixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve("imap").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture of test-fixtures/mime. */
    public static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve("mime").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
