package org.storemulti.admin;

/**
 * A list command's glob as the seed uses them: {@code *} and {@code ?} only. Character
 * classes and braces are refused rather than matched literally, so a shell-style pattern
 * never silently lists nothing.
 */
record ListPattern(String value) {

    static ListPattern of(String text) {
        String pattern = text == null || text.isEmpty() ? "*" : text;
        for (char c : pattern.toCharArray()) {
            if (Character.isISOControl(c)) {
                throw new AdminException("invalid pattern \"" + pattern.replaceAll("\\p{Cntrl}", "?")
                        + "\": contains a control character");
            }
            if ("[]{}".indexOf(c) >= 0) {
                throw new AdminException("invalid pattern \"" + pattern + "\": '" + c
                        + "' is not supported (patterns use * and ? only)");
            }
        }
        return new ListPattern(pattern);
    }
}
