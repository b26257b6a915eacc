/**
 * Build-time training runs for the class data archives ({@code bin/class-data-archives}):
 * a throw-away instance in a temporary directory, every command's start-up path and a
 * daemon delivering one message in this JVM, so {@code -XX:ArchiveClassesAtExit} records
 * their classes.
 *
 * <p>Owns its temporary directories, the in-process daemon and the JVM's exit. Nothing in
 * storemulti calls it; it must never run against a real instance.
 */
package org.storemulti.training;
