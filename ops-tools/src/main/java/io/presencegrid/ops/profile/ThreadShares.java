package io.presencegrid.ops.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a profile's CPU samples divide between a process's kinds of thread. Read from async-profiler's
 * collapsed output taken with its {@code threads} option, where each line is one stack, its thread
 * first: {@code [sys-stripe-3-#4%node-0% tid=123];frame;frame 17}. Threads that differ only in their
 * numbers (the eight stripes, the Tomcat workers) are one kind: which of them ran matters less than
 * what that kind of work costs together.
 */
public final class ThreadShares {

    private static final Pattern THREAD = Pattern.compile("^\\[(.*?)(?: tid=\\d+)?]$");
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    /** One kind of thread: its name with numbers as {@code N}, its samples, and how many threads had some. */
    public record Share(String kind, long samples, int threads) {
    }

    private final List<Share> shares;
    private final long total;

    private ThreadShares(List<Share> shares, long total) {
        this.shares = shares;
        this.total = total;
    }

    /** The shares of the stacks in {@code collapsedLines}; lines that are not a stack and a count are skipped. */
    public static ThreadShares of(Stream<String> collapsedLines) {
        Map<String, Kind> kinds = new HashMap<>();
        collapsedLines.forEach(line -> {
            int count = line.lastIndexOf(' ');
            if (count < 1) {
                return;
            }
            long n;
            try {
                n = Long.parseLong(line.substring(count + 1).trim());
            } catch (NumberFormatException notAStack) {
                return;
            }
            String stack = line.substring(0, count);
            int firstFrame = stack.indexOf(';');
            String thread = firstFrame < 0 ? stack : stack.substring(0, firstFrame);
            Matcher named = THREAD.matcher(thread);
            String name = named.matches() ? named.group(1) : "(no thread name)";
            kinds.computeIfAbsent(NUMBERS.matcher(name).replaceAll("N"), kind -> new Kind()).add(thread, n);
        });
        List<Share> shares = new ArrayList<>();
        kinds.forEach((kind, seen) -> shares.add(new Share(kind, seen.samples, seen.threads.size())));
        shares.sort(Comparator.comparingLong(Share::samples).reversed().thenComparing(Share::kind));
        return new ThreadShares(List.copyOf(shares), shares.stream().mapToLong(Share::samples).sum());
    }

    /** What one kind of thread has added up to so far. */
    private static final class Kind {
        private final Set<String> threads = new HashSet<>();
        private long samples;

        void add(String thread, long n) {
            threads.add(thread);
            samples += n;
        }
    }

    /** Largest first. */
    public List<Share> shares() {
        return shares;
    }

    public long total() {
        return total;
    }

    /** One line a kind, largest first, as many as {@code limit}: share, samples, threads, kind. */
    public List<String> lines(int limit) {
        return shares.stream().limit(limit)
                .map(share -> String.format(Locale.ROOT, "%5.1f%%  %7d samples  %3d thread%s  %s",
                        100.0 * share.samples() / total, share.samples(), share.threads(),
                        share.threads() == 1 ? " " : "s", share.kind()))
                .toList();
    }
}
