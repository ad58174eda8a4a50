package io.presencegrid.ops.profile;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Samples a running JVM's CPU for a while with async-profiler, loaded into it through the attach API,
 * and writes a flame graph ({@code PREFIX.html}) and the stacks one a line ({@code PREFIX.collapsed}),
 * each stack under its thread. Unlike JFR's execution samples it sees time in the kernel (sockets,
 * futexes, scheduling) and in native code, which on a small host is much of a grid node's CPU.
 *
 * <p>Usage: {@code CpuProfile PID SECONDS PREFIX}; prints how the samples divide between kinds of thread.
 * Perf events first; where the kernel refuses them (a container without {@code perf_event_open}),
 * a CPU-time timer, which sees no kernel frames.
 */
public final class CpuProfile {

    /** Where the async-profiler jar keeps the agent for x86-64 Linux, the one classifier ops-tools depends on. */
    static final String AGENT_RESOURCE = "linux-x64/libasyncProfiler.so";
    private static final String PROFILER_POM = "META-INF/maven/tools.profiler/async-profiler/pom.properties";
    private static final String SAMPLING = ",interval=1ms,threads";

    private CpuProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: CpuProfile PID SECONDS PREFIX");
        }
        Path prefix = Path.of(args[2]).toAbsolutePath();
        Profile profile = sample(args[0], Duration.ofSeconds(Long.parseLong(args[1])), prefix);
        System.out.println("sampled " + profile.event() + " for " + args[1] + " s: " + profile.flameGraph()
                + " and " + profile.stacks());
        try (Stream<String> lines = Files.lines(profile.stacks())) {
            ThreadShares shares = ThreadShares.of(lines);
            System.out.println(shares.total() + " samples (one a millisecond of CPU) by kind of thread:");
            shares.lines(15).forEach(System.out::println);
        }
    }

    /** What a profile wrote, and with which event. */
    public record Profile(String event, Path stacks, Path flameGraph) {
    }

    /** Samples the JVM {@code pid} for {@code length}; the files go beside {@code prefix}. */
    public static Profile sample(String pid, Duration length, Path prefix) throws Exception {
        if (prefix.toString().contains(",")) {
            // The agent's options are one comma-separated string, file names included.
            throw new IllegalArgumentException("the profile's path cannot hold a comma: " + prefix);
        }
        Path agent = agentLibrary(prefix.toAbsolutePath().getParent());
        Path stacks = Path.of(prefix + ".collapsed");
        Path flameGraph = Path.of(prefix + ".html");
        String event = start(pid, agent);
        Thread.sleep(length.toMillis());
        load(pid, agent, "stop,collapsed,file=" + stacks);
        load(pid, agent, "dump,file=" + flameGraph);
        return new Profile(event, stacks, flameGraph);
    }

    private static String start(String pid, Path agent) throws Exception {
        try {
            load(pid, agent, "start,event=cpu" + SAMPLING);
            return "cpu";
        } catch (AgentInitializationException perfEventsRefused) {
            load(pid, agent, "start,event=itimer" + SAMPLING);
            return "itimer";
        }
    }

    private static void load(String pid, Path agent, String command) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgentPath(agent.toString(), command);
        } finally {
            vm.detach();
        }
    }

    /**
     * The agent as a file, at one path per version: a JVM keeps the library it loaded, and the same path
     * loads that one again, where another path would load a second profiler into it. Beside the output,
     * in the operator's own directory: a library at a well-known path in /tmp is one anyone could plant.
     */
    private static Path agentLibrary(Path directory) throws IOException {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the profiler's agent here is for x86-64 Linux, not " + os + " " + arch);
        }
        Path file = directory.resolve(".async-profiler-" + version()).resolve("libasyncProfiler.so");
        if (Files.exists(file)) {
            return file;
        }
        try (InputStream library = CpuProfile.class.getClassLoader().getResourceAsStream(AGENT_RESOURCE)) {
            if (library == null) {
                throw new IllegalStateException(AGENT_RESOURCE + " is not on the classpath (async-profiler's jar)");
            }
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "libasyncProfiler", ".part");
            Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }

    private static String version() throws IOException {
        Properties pom = new Properties();
        try (InputStream properties = CpuProfile.class.getClassLoader().getResourceAsStream(PROFILER_POM)) {
            if (properties != null) {
                pom.load(properties);
            }
        }
        return pom.getProperty("version", "unknown");
    }
}
