package io.tessera.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostgreSQL's text form of a one-dimensional {@code text[]} ({@code {a,"b c",NULL}}), so
 * the tests check what the server sent rather than what a driver makes of it.
 */
final class TextArrays {
    private TextArrays() {}

    static List<String> parse(String text) {
        if (text == null) {
            return null;
        }
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw new IllegalArgumentException("not a text[] literal: " + text);
        }
        List<String> out = new ArrayList<>();
        String body = text.substring(1, text.length() - 1);
        int i = 0;
        while (i < body.length()) {
            StringBuilder item = new StringBuilder();
            boolean quoted = body.charAt(i) == '"';
            if (quoted) {
                i++;
                while (body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\') {
                        i++;
                    }
                    item.append(body.charAt(i++));
                }
                i++;
            } else {
                while (i < body.length() && body.charAt(i) != ',') {
                    item.append(body.charAt(i++));
                }
            }
            out.add(!quoted && item.toString().equals("NULL") ? null : item.toString());
            i++; // the comma
        }
        return out;
    }
}
