package dev.incidentsla.service.config;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server left running on a data directory by a JVM that died without closing it.
 *
 * <p>pg_ctl starts the postmaster in a session of its own, so a {@code kill -9} of the JVM does not take it down: it
 * keeps running and keeps the data directory locked through {@code postmaster.pid}, and the next start cannot start
 * its own server there (it only seemed to work on a fixed port, where it found the old server answering). Before a
 * start, {@link #stopIn(Path)} stops such a leftover, and nothing else: a server whose JVM is still alive, or a process
 * that merely reuses the pid, is never touched.
 */
final class StalePostmaster {

    /** What {@link #stopIn(Path)} found and did. */
    enum Outcome {
        /** No pid file, or one naming a process that is gone; PostgreSQL replaces such a file itself. */
        NOTHING_RUNNING,
        /** The JVM that started the server still holds the directory; starting now fails as it should. */
        OWNER_ALIVE,
        /** A postmaster of this directory outlived its JVM and was stopped. */
        STOPPED,
        /** The pid file named a live process that is no postmaster of this directory; PostgreSQL would refuse it. */
        PID_FILE_REMOVED,
        /** The pid file named a live process that cannot be told apart from a postmaster of this directory. */
        LEFT_ALONE
    }

    static final String PID_FILE = "postmaster.pid";

    /** zonky's EmbeddedPostgres holds a lock on this file in its data directory for as long as it is open. */
    static final String OWNER_LOCK_FILE = "epg-lock";

    static final Duration GRACE = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(StalePostmaster.class.getName());

    private StalePostmaster() {
    }

    /**
     * Stops a postmaster that outlived the JVM which started it on {@code dataDirectory}.
     *
     * @param dataDirectory an absolute data directory
     */
    static Outcome stopIn(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        // Checked before touching the lock file, which would make a directory still awaiting initdb non-empty.
        if (!Files.exists(pidFile)) {
            return Outcome.NOTHING_RUNNING;
        }
        try (FileChannel ownerLock = FileChannel.open(dataDirectory.resolve(OWNER_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = tryLock(ownerLock)) {
            if (held == null) {
                LOG.log(Level.WARNING, "The PostgreSQL server on " + dataDirectory
                        + " belongs to a process that is still running; leaving it alone");
                return Outcome.OWNER_ALIVE;
            }
            return stopOrphanIn(dataDirectory, pidFile);
        }
    }

    /** Null when another process, or this JVM, holds the lock: the server's owner is alive. */
    private static FileLock tryLock(FileChannel ownerLock) throws IOException {
        try {
            return ownerLock.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    private static Outcome stopOrphanIn(Path dataDirectory, Path pidFile) throws IOException {
        Optional<PidFile> recorded = PidFile.read(pidFile);
        Optional<ProcessHandle> process = recorded.flatMap(file -> ProcessHandle.of(file.pid()))
                .filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Outcome.NOTHING_RUNNING;
        }
        ProcessHandle postmaster = process.get();
        String described = describe(postmaster);
        Kind kind = classify(postmaster.info(), dataDirectory);
        if (kind == Kind.POSTMASTER_OF_THIS_DIRECTORY && recorded.get().names(dataDirectory)) {
            stop(postmaster, GRACE);
            LOG.log(Level.WARNING, "Stopped " + described + ", a PostgreSQL server left running on "
                    + dataDirectory + " by a process that ended without shutting it down");
            return Outcome.STOPPED;
        }
        if (kind == Kind.SOMETHING_ELSE) {
            Files.deleteIfExists(pidFile);
            LOG.log(Level.WARNING, "Removed " + pidFile + ": the process it names, " + described
                    + ", is no PostgreSQL server of this directory, and PostgreSQL would refuse to start beside it");
            return Outcome.PID_FILE_REMOVED;
        }
        LOG.log(Level.WARNING, pidFile + " names " + described
                + ", which may be a PostgreSQL server of this directory; leaving it alone");
        return Outcome.LEFT_ALONE;
    }

    /** What the process a pid file names turns out to be. */
    enum Kind { POSTMASTER_OF_THIS_DIRECTORY, SOMETHING_ELSE, UNKNOWN }

    /**
     * Tells a postmaster of {@code dataDirectory} ({@code postgres -D dataDirectory ...}) from another program. UNKNOWN
     * when the process does not show what it runs (another user's, a zombie) or names its directory in a way that
     * cannot be resolved from here.
     */
    static Kind classify(ProcessHandle.Info info, Path dataDirectory) {
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            return Kind.UNKNOWN;
        }
        Path executable = Path.of(command.get()).getFileName();
        // Linux appends " (deleted)" to the executable of a server whose binaries have been cleaned away since.
        boolean postgres = executable != null && executable.toString().startsWith("postgres");
        if (!postgres) {
            return Kind.SOMETHING_ELSE;
        }
        Optional<Path> serverDirectory = info.arguments().flatMap(StalePostmaster::dataDirectoryArgument);
        if (serverDirectory.isEmpty()) {
            return Kind.UNKNOWN;
        }
        Path named = serverDirectory.get();
        // A relative -D was resolved against the server's starting directory, which this JVM may not share.
        if (sameDirectory(named.toAbsolutePath(), dataDirectory)) {
            return Kind.POSTMASTER_OF_THIS_DIRECTORY;
        }
        return named.isAbsolute() ? Kind.SOMETHING_ELSE : Kind.UNKNOWN;
    }

    private static Optional<Path> dataDirectoryArgument(String[] arguments) {
        for (int i = 0; i < arguments.length - 1; i++) {
            if (arguments[i].equals("-D")) {
                return Optional.of(Path.of(arguments[i + 1]));
            }
        }
        return Optional.empty();
    }

    private static boolean sameDirectory(Path candidate, Path dataDirectory) {
        try {
            return Files.isSameFile(candidate, dataDirectory);
        } catch (IOException notThere) {
            return false;
        }
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown: it disconnects the clients still attached (the local projection may be)
     * and stops cleanly. SIGTERM, all Java can send, is the smart shutdown that waits for them to leave.
     */
    private static boolean askFastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).redirectErrorStream(true).start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A fast shutdown (SIGINT; SIGTERM where that cannot be sent), then SIGKILL if it has not ended within
     * {@code grace}. Its children are killed too: a killed postmaster's backends keep its shared memory attached, and
     * PostgreSQL refuses to start while they do.
     */
    static void stop(ProcessHandle postmaster, Duration grace) {
        List<ProcessHandle> children = postmaster.descendants().toList();
        if (!askFastShutdown(postmaster)) {
            postmaster.destroy();
        }
        if (!awaitExit(postmaster, grace)) {
            postmaster.destroyForcibly();
            awaitExit(postmaster, grace);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            awaitExit(child, grace);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException cannotHappen) {
            return !process.isAlive();
        }
    }

    private static String describe(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return "process " + process.pid()
                + info.commandLine().map(line -> " (" + line + ")").orElse("")
                + info.startInstant().map(started -> " started " + started).orElse("");
    }

    /**
     * The first lines of {@code postmaster.pid}: the server's pid and the absolute data directory it was started on.
     */
    record PidFile(long pid, Path dataDirectory) {

        static Optional<PidFile> read(Path file) throws IOException {
            try {
                return parse(Files.readAllLines(file));
            } catch (NoSuchFileException removedMeanwhile) {
                return Optional.empty();
            }
        }

        /** Empty for a file too short or garbled to trust, which PostgreSQL then judges itself. */
        static Optional<PidFile> parse(List<String> lines) {
            if (lines.size() < 2 || lines.get(1).isBlank()) {
                return Optional.empty();
            }
            try {
                long pid = Long.parseLong(lines.get(0).trim());
                return pid > 0 ? Optional.of(new PidFile(pid, Path.of(lines.get(1).trim()))) : Optional.empty();
            } catch (NumberFormatException | InvalidPathException garbled) {
                return Optional.empty();
            }
        }

        boolean names(Path directory) {
            return sameDirectory(dataDirectory, directory);
        }
    }
}
