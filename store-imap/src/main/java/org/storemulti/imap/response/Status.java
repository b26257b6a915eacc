package org.storemulti.imap.response;

/** A status response's condition (RFC 3501 7.1). */
public enum Status { OK, NO, BAD, BYE, PREAUTH }
