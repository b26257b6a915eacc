package org.storemulti.store.domain;

import java.util.OptionalLong;

/**
 * A domain as {@code domain_get} shows it. Disabled domains cannot authenticate but still
 * receive mail; {@code quotaKb} is empty when no domain quota is set.
 */
public record Domain(String name, boolean enabled, boolean anonymousAllowed, OptionalLong quotaKb,
        long usedBytes) {
}
