/**
 * {@code storeadm}: the store administration command (the M-Store admin chapter, seed
 * tables 12-1 to 12-18) over the store engine.
 *
 * <p>{@link org.storemulti.admin.CommandTable} is the one table of commands: each entry has
 * a readable name ({@code domain add}) and, where the seed has one, its seed name
 * ({@code domain_add}); help, one-shot use and script lines all come from it. Command
 * families ({@code DomainCommands}, {@code AuthCommands}, ...) turn arguments into engine
 * calls; {@code BulkAdd}/{@code BulkDel} read the bulk files; {@code DbCommands} and
 * {@code Reconstruct} map the {@code msdb_*} tools onto the engine's tools;
 * {@code ScriptRunner} runs {@code -f script} and standard input.
 *
 * <p>Owns argument parsing, the session's current domain and the text printed. Must not
 * touch the database or message files except through {@link org.storemulti.store.Store},
 * must not write main.cf, and holds no delivery or queue logic ({@code storeadm deliver} and
 * {@code storeadm queue} are mounted from elsewhere in {@code CommandTable}).
 */
package org.storemulti.admin;
