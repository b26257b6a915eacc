package org.storemulti.queue;

import java.util.List;

/**
 * What a destination would refuse of a message's recipients, as its LMTP would at RCPT:
 * one line per refused recipient (the reply, e.g. {@code 550 5.1.1 <x@y>: no such user});
 * empty when it takes them all. {@code queue move} asks it before a message leaves.
 */
@FunctionalInterface
interface RecipientGate {

    /** A destination that takes every recipient: for moves whose recipients were checked already (tests). */
    RecipientGate ACCEPT_ALL = recipients -> List.of();

    List<String> refusals(List<String> recipients);
}
