/**
 * Crash-safe file primitives shared by every module: atomic replacement of a file
 * (temp file in the same directory, fsync, rename, directory sync), the directory-sync
 * seam (jimfs cannot sync a directory), the exclusive edit lock, and files and directories
 * created with an explicit mode whatever the umask ({@code FileModes}).
 *
 * <p>Owns no file formats and no paths of its own; callers say what to write where.
 */
package org.storemulti.fs;
