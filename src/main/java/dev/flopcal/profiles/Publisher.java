package dev.flopcal.profiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.InvalidInputException;

/**
 * Publishes profiles into a results directory: validates (schema and verify), places the profile under
 * {@code profiles/ID.json} with its raw results under {@code raw/ID.jmh.json}, and regenerates the index
 * ({@code README.md}). Every file is written atomically, and publishes hold an exclusive lock on
 * {@code .publish.lock} while they place files and regenerate the index, so two publishes at once never interleave.
 */
public final class Publisher {
    /** File locks exclude other processes only; threads of this JVM also take this lock per results directory. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ProfileStore store;
    private final IndexWriter index;

    /** Writes the index of a results directory (README.md, charts) from every published profile. */
    @FunctionalInterface
    public interface IndexWriter {
        /** Writes every index file atomically under {@code resultsDir}; returns the README written. */
        Path write(List<Profile> profiles, Path resultsDir) throws IOException;
    }

    /**
     * @param store where to publish
     * @param index writes the index from every published profile
     */
    public Publisher(ProfileStore store, IndexWriter index) {
        this.store = store;
        this.index = index;
    }

    /**
     * What a publish did.
     *
     * @param profile     the published profile
     * @param profileFile where it now lives
     * @param rawFile     its raw results there, or null (accelerator profiles have none)
     * @param checks      the verification checks that held
     * @param replaced    true when an identical id was already published (and identical content replaced)
     */
    public record Result(Profile profile, Path profileFile, Path rawFile, List<String> checks, boolean replaced) {
    }

    /**
     * Publishes a profile file.
     *
     * @param source the profile to publish
     * @param newId  the id to publish under, or null to keep the profile's own
     * @param replace allow replacing a different profile already published under that id
     * @throws InvalidInputException when the profile is invalid or fails verification (with the first mismatch), the
     *                               id would escape the results directory, or the id is taken and replace is false
     */
    public Result publish(Path source, String newId, boolean replace) throws IOException {
        ProfileVerifier.Result verified = ProfileVerifier.verify(source);
        if (!verified.ok()) {
            throw new InvalidInputException("refusing to publish " + source + ": " + verified.mismatch());
        }
        Profile p = verified.profile();
        String id = Ids.check(newId == null ? p.id() : newId);
        Path target = store.profileFile(id);
        Path rawSource = p.provenance().rawResults() == null ? null
                : source.toAbsolutePath().getParent().resolve(p.provenance().rawResults()).normalize();
        Path rawTarget = rawSource == null ? null : store.rawDir().resolve(id + ".jmh.json");
        Profile placed = p.withId(id);
        if (rawTarget != null) {
            placed = placed.withProvenance(p.provenance().withRawResults("../raw/" + rawTarget.getFileName()));
        }
        boolean existed;
        try (Locked locked = lock()) {
            existed = Files.exists(target);
            if (existed && !replace && !sameMeasurement(ProfileIO.read(target), placed)) {
                throw new InvalidInputException("a different profile is already published as '" + id + "' (" + target
                        + "); choose another id with --id, or --replace it");
            }
            if (rawTarget != null && !rawTarget.equals(rawSource)) {
                AtomicFiles.write(rawTarget, Files.readAllBytes(rawSource));
            }
            ProfileIO.write(placed, target);
            ProfileVerifier.Result again = ProfileVerifier.verify(target);
            if (!again.ok()) {
                throw new IllegalStateException("published copy " + target + " does not verify: " + again.mismatch());
            }
            writeIndex();
        }
        return new Result(placed, target, rawTarget, verified.checks(), existed);
    }

    /** Regenerates the index from every published profile, under the publish lock. */
    public Path reindex() throws IOException {
        try (Locked locked = lock()) {
            return writeIndex();
        }
    }

    /** Holds the in-process lock and the lock file of the results directory. */
    private final class Locked implements AutoCloseable {
        private final java.util.concurrent.locks.ReentrantLock inProcess;
        private final FileChannel channel;
        private final FileLock fileLock;

        Locked(java.util.concurrent.locks.ReentrantLock inProcess, FileChannel channel, FileLock fileLock) {
            this.inProcess = inProcess;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() throws IOException {
            try {
                fileLock.release();
                channel.close();
            } finally {
                inProcess.unlock();
            }
        }
    }

    private Locked lock() throws IOException {
        Files.createDirectories(store.resultsDir());
        Path dir = store.resultsDir().toRealPath();
        java.util.concurrent.locks.ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(dir, d -> new java.util.concurrent.locks.ReentrantLock());
        inProcess.lock();
        try {
            FileChannel channel = FileChannel.open(dir.resolve(".publish.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Locked(inProcess, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
    }

    private Path writeIndex() throws IOException {
        List<Profile> all = new ArrayList<>();
        for (Path f : store.all()) {
            all.add(ProfileIO.read(f));
        }
        return index.write(all, store.resultsDir());
    }

    /** Same id and same raw results (or, without raw results, the same content). */
    private static boolean sameMeasurement(Profile published, Profile candidate) {
        String a = published.provenance().rawResultsSha256(), b = candidate.provenance().rawResultsSha256();
        return a != null ? a.equals(b) : ProfileIO.toJson(published).equals(ProfileIO.toJson(candidate));
    }
}
