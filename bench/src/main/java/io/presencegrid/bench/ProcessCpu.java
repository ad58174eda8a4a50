package io.presencegrid.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

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
     * CPU seconds the JIT compiler threads of JVM {@code pid} have used, as far as they are still
     * alive: HotSpot may retire a compiler thread, and its time then only shows in the process's total.
     * Shows how much of a window's CPU was the JVM compiling rather than working.
     */
    static double compilerSeconds(long pid, long clockTicksPerSecond) {
        long ticks = sumOverLiveThreads(pid, "stat", stat -> isCompilerThread(command(stat)) ? ticks(stat) : 0);
        return ticks / (double) clockTicksPerSecond;
    }

    /**
     * Context switches of the threads of process {@code pid} so far, voluntary (a thread parking, waiting
     * for I/O or another thread) and involuntary (preempted), as far as the threads are still alive: the
     * kernel keeps the count per thread, and a thread that exited takes its count with it. On a machine
     * where a switch is dear, the hand-offs between threads that an operation makes explain much of its
     * CPU (docs/capacity.md, "Below Java").
     */
    static long contextSwitches(long pid) {
        return sumOverLiveThreads(pid, "status", ProcessCpu::contextSwitchesOf);
    }

    /**
     * {@code value} of one file of each thread of process {@code pid} ({@code /proc/PID/task/TID/file}),
     * summed; a thread that exits while they are read counts for nothing.
     */
    private static long sumOverLiveThreads(long pid, String file, ToLongFunction<String> value) {
        long sum = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    sum += value.applyAsLong(Files.readString(thread.resolve(file), StandardCharsets.US_ASCII));
                } catch (IOException threadExited) {
                    // Its figures left with it.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid + ": is it running?", e);
        }
        return sum;
    }

    /** voluntary_ctxt_switches + nonvoluntary_ctxt_switches of one {@code /proc/PID/task/TID/status}. */
    static long contextSwitchesOf(String status) {
        long switches = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return switches;
    }

    /** HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1"; the kernel keeps 15 characters. */
    static boolean isCompilerThread(String command) {
        return command.startsWith("C1 CompilerThre") || command.startsWith("C2 CompilerThre");
    }

    /** Field 2 of a stat line: the command (a thread's name) between the first '(' and the last ')'. */
    static String command(String statLine) {
        return statLine.substring(statLine.indexOf('(') + 1, statLine.lastIndexOf(')'));
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
