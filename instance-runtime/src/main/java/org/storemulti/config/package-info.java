/**
 * The main.cf configuration library: the parameter registry (the one source of
 * defaults), the line-preserving parser and editor, the Postfix-style {@code $name}
 * expander, and {@link org.storemulti.config.InstanceConfig}, the typed view an
 * instance's code reads.
 *
 * <p>Owns the main.cf syntax and every default value. Must not know about daemons,
 * instances lists or the store: callers ask for values, this package answers.
 */
package org.storemulti.config;
