/**
 * systemd integration: {@link org.storemulti.systemd.UnitWriter} writes {@code store.service},
 * {@code store@.service} and one {@code store.service.wants/store@NAME.service} link per
 * enabled instance into a directory ({@code storemulti --systemd-units DIR}, run by the
 * {@code store-generator} systemd generator at boot and on daemon-reload).
 *
 * <p>Owns which instances systemd wants, the unit-file placeholders
 * ({@code @COMMAND_DIRECTORY@}, {@code @PRIMARY@}, ...) and how a value is made safe for a
 * unit file. The unit text itself lives in {@code $meta_directory/systemd/} (the checkout's
 * {@code templates/systemd/}). Must not touch main.cf (it only reads configurations through
 * {@link org.storemulti.config.InstanceConfig}), must not start, stop or ask any instance
 * anything, and must not call {@code systemctl}. Writes only inside the output directory,
 * every file through {@link org.storemulti.fs.AtomicFile}; works on any
 * {@link java.nio.file.FileSystem} (no {@code java.io.File}), so tests run on jimfs.
 */
package org.storemulti.systemd;
