package dev.flopcal.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a file the user named, with the messages every reader of such files gives. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * The file's text (UTF-8).
     *
     * @param what what the file should be, for messages: "profile", "JMH results file"
     * @throws InvalidInputException "WHAT FILE does not exist", or "cannot read WHAT FILE: reason"
     */
    public static String readString(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
