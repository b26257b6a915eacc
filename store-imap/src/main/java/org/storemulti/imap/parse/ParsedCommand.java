package org.storemulti.imap.parse;

import org.storemulti.imap.command.Command;

/**
 * A parsed command with its tag and wire name ({@code FETCH}, {@code UID FETCH}), which
 * the tagged response repeats.
 */
public record ParsedCommand(String tag, String name, Command command) {
}
