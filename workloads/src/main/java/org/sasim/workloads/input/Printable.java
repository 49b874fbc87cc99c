package org.sasim.workloads.input;

/** Renders a user's value for an error message: control characters escaped, long values shortened. */
final class Printable {
    private static final int MAX_CHARS = 60;

    private Printable() {
    }

    static String of(String s) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (shown >= MAX_CHARS) {
                sb.append("...");
                break;
            }
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\ufffd'
                    || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
            shown++;
        }
        return sb.toString();
    }
}
