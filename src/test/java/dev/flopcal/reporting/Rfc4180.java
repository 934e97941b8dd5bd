package dev.flopcal.reporting;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes; anything else throws. */
public final class Rfc4180 {
    private Rfc4180() {
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean fieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (fieldStart && c == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted field at " + i);
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                fieldStart = false;
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("bare CR at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                fieldStart = true;
                i += 2;
            } else if (c == '\n' || c == '"') {
                throw new IllegalArgumentException("bare " + (c == '\n' ? "LF" : "quote") + " at " + i);
            } else {
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        if (!fieldStart || !record.isEmpty()) {
            throw new IllegalArgumentException("last record does not end with CRLF");
        }
        return records;
    }
}
