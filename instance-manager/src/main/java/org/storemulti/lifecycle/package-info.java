/**
 * The life-cycle actions of {@code storemulti -e}: init, create, import, destroy,
 * deport, enable, disable, assign ({@link org.storemulti.lifecycle.Action} is the table).
 * Every main.cf change goes through {@code MainCfEditor}'s locked atomic edit; changes
 * to {@code multi_instance_directories} are read-modify-writes under the primary
 * main.cf's lock; a new instance's files are written before it is registered, so a
 * crash leaves it either fully registered or not at all.
 *
 * <p>All file-system code takes {@link java.nio.file.Path} (never {@code java.io.File})
 * so it runs on jimfs. Must not start processes or print anything but warnings.
 */
package org.storemulti.lifecycle;
