package io.presencegrid.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time a process has used so far, from Linux's {@code /proc/PID/stat}: user plus system time of
 * all its threads, the exited ones included, in clock ticks. Read from outside the process, so the
 * grid nodes and the API need no agent and no JMX, and a JVM's own threads count like any other.
 */
final class ProcessCpu {

    /** Linux's usual USER_HZ, used when {@code getconf CLK_TCK} cannot be run. */
    static final long DEFAULT_CLOCK_TICKS = 100;

    /** utime and stime are fields 14 and 15 of the line; counted from the state, field 3, they are 11 and 12. */
    private static final int UTIME_AFTER_STATE = 11;

    private ProcessCpu() {
    }

    /** CPU seconds process {@code pid} has used since it started. */
    static double seconds(long pid, long clockTicksPerSecond) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return ticks(stat) / (double) clockTicksPerSecond;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid + ": is it running?", e);
        }
    }

    /**
     * utime + stime of one {@code /proc/PID/stat} line. The command name, field 2, is in parentheses and
     * may itself hold spaces and parentheses (a thread may rename itself to anything), so the fields are
     * counted from the last closing parenthesis.
     */
    static long ticks(String statLine) {
        int commandEnd = statLine.lastIndexOf(')');
        if (commandEnd < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
        }
        String[] fields = statLine.substring(commandEnd + 1).trim().split("\\s+");
        if (fields.length <= UTIME_AFTER_STATE + 1) {
            throw new IllegalArgumentException("too few fields in /proc/PID/stat line: " + statLine);
        }
        return Long.parseLong(fields[UTIME_AFTER_STATE]) + Long.parseLong(fields[UTIME_AFTER_STATE + 1]);
    }

    /** The kernel's clock ticks per second for /proc times ({@code getconf CLK_TCK}). */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return parseClockTicks(answer);
            }
        } catch (IOException | NumberFormatException e) {
            // Falls through to Linux's default.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("  getconf CLK_TCK failed: taking " + DEFAULT_CLOCK_TICKS + " ticks per second");
        return DEFAULT_CLOCK_TICKS;
    }

    static long parseClockTicks(String getconfOutput) {
        long ticks = Long.parseLong(getconfOutput.trim());
        if (ticks <= 0) {
            throw new NumberFormatException("CLK_TCK must be positive, was " + ticks);
        }
        return ticks;
    }
}
