/**
 * The instance registry: the primary instance and the secondaries listed in its
 * {@code multi_instance_directories}, loaded into immutable {@link org.storemulti.registry.Instance}
 * records (one main.cf read per instance, in this JVM), the ownership claims that keep
 * instances from sharing or nesting directories, and instance selection by {@code -a},
 * {@code -g} and {@code -i}.
 *
 * <p>Owns what "an instance" and "the list" mean. Must not write files: changes to the
 * list are the life-cycle package's job.
 */
package org.storemulti.registry;
