package dev.flopcal.estimation;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;

/** Requests for tests, written as the keys of a job file. */
final class Requests {
    private Requests() {
    }

    /**
     * The request a job file with these keys holds, e.g. {@code "'devices': 512, 'days': 14"}: the braces are added
     * and single quotes stand for double quotes.
     */
    static EstimateRequest of(String keys) {
        try {
            return JobFile.read(new StringReader("{" + keys.replace('\'', '"') + "}"), "test.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
