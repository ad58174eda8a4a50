package io.presencegrid.bench;

import java.util.List;
import java.util.Locale;

/** The table's rows for each phase's result, with the goal each figure is held to. */
final class ResultRows {

    static final int IDLE_SOCKET_HEAP_GOAL_BYTES = 16 * 1024;
    private static final String MAX_UPDATES = "b. max sustained updates";
    private static final String CPU_PER_UPDATE = "b. CPU per update at the max, grid nodes + API (`update_cpu_us`)";

    private ResultRows() {
    }

    static void ceiling(List<ResultTable.Row> rows, CeilingRuns ceiling, int warmUpSeconds, PutLoop.Measured tax, int taxUsers) {
        String fair = "String key, %d-byte value, ATOMIC, backups=2, FULL_SYNC, persistent, no SQL or TTL, 32 threads, random keys of %,d,"
                .formatted(FairPutCeiling.VALUE_BYTES, FairPutCeiling.KEYS) + " %d s warm-up".formatted(warmUpSeconds);
        rows.add(row("a. fair ceiling before the HTTP phases (" + fair + ")", puts(ceiling.before()), "", true));
        rows.add(row("a. fair ceiling after the HTTP phases", puts(ceiling.after()), "", true));
        rows.add(row("a. fair ceiling quoted: the mean of the two runs (`ignite_put_per_s`, `put_cpu_us`)",
                format("%.0f puts/s, %.0f \u00b5s CPU per put (grid nodes + client); the runs %.0f%% apart%s", ceiling.putsPerSecond(),
                        ceiling.cpuMicrosPerPut(), ceiling.spread() * 100, ceiling.drifted() ? ", **more than 15%: see the note**" : ""),
                "", true));
        rows.add(row("a2. the design's own tax: session key and value into a copy of DEVICE_SESSION's configuration"
                        + format(" (ATOMIC, in-memory, SQL table, TTL), 32 threads, %,d sessions", taxUsers),
                format("%s, %.0f%% of the fair ceiling", puts(tax), 100 * tax.putsPerSecond() / ceiling.putsPerSecond()), "", true));
    }

    static void updates(List<ResultTable.Row> rows, UpdateLoad.Result updates, double walPerUpdate, CeilingRuns ceiling) {
        double ratio = updates.maxPerSecond() / ceiling.putsPerSecond();
        rows.add(row(MAX_UPDATES, maxUpdates(updates), format("ratio to a. >= 0.5: %.2f", ratio), ratio >= 0.5));
        double cpuRatio = updates.cpu().totalMicrosPerOperation() / ceiling.cpuMicrosPerPut();
        rows.add(row(CPU_PER_UPDATE, updates.cpu().summary(),
                format("<= 2 x a.'s %.0f \u00b5s: %.1f x", ceiling.cpuMicrosPerPut(), cpuRatio), cpuRatio <= 2));
        updateLatencyAndWal(rows, updates, walPerUpdate);
    }

    /** b. run alone ({@code --only b}): the same figures, without the goals held against the fair ceiling, which did not run. */
    static void updatesAlone(List<ResultTable.Row> rows, UpdateLoad.Result updates, double walPerUpdate) {
        rows.add(row(MAX_UPDATES, maxUpdates(updates), "", true));
        rows.add(row(CPU_PER_UPDATE, updates.cpu().summary(), "", true));
        updateLatencyAndWal(rows, updates, walPerUpdate);
    }

    private static String maxUpdates(UpdateLoad.Result updates) {
        return format("%.0f/s (%d failed)", updates.maxPerSecond(), updates.maxFailed());
    }

    private static void updateLatencyAndWal(List<ResultTable.Row> rows, UpdateLoad.Result updates, double walPerUpdate) {
        Latencies half = Latencies.of(updates.halfRate().latencies());
        Latencies changes = Latencies.of(updates.halfRate().partLatencies());
        rows.add(row(format("b. update latency at %.0f/s", updates.maxPerSecond() / 2),
                format("p50 %.1f / p99 %.1f / p99.9 %.1f ms (the changes p50 %.1f / p99 %.1f; %d failed, %d queued for one of"
                                + " the %d connections)", half.p50(), half.p99(), half.p999(), changes.p50(), changes.p99(),
                        updates.halfRate().failed(), updates.halfRate().queued(), updates.connections()),
                "p99 <= 20 ms", half.p99() <= 20 && updates.halfRate().failed() == 0));
        rows.add(row(format("b. WAL written per update, all three copies (%,d updates)", updates.sent()),
                format("%.0f bytes", walPerUpdate), "", true));
    }

    static void heartbeats(List<ResultTable.Row> rows, HeartbeatLoad.Result heartbeats, int users, CeilingRuns ceiling) {
        double share = heartbeats.perSecond() / ceiling.putsPerSecond();
        rows.add(row(format("b2. heartbeats over HTTP (each user's status repeated, no message), 32 workers, %,d users", users),
                format("%.0f/s (%d failed)", heartbeats.perSecond(), heartbeats.failed()),
                format(">= 0.5 x a.: %.2f x", share), share >= 0.5 && heartbeats.failed() == 0));
        rows.add(row("b2. CPU per heartbeat, grid nodes + API", heartbeats.cpu().summary(), "", true));
    }

    static void notify(List<ResultTable.Row> rows, NotifyLatency.Result notify, double rate) {
        Latencies events = Latencies.of(notify.latencies());
        rows.add(row(format("c. update to event, 1,000 sockets x 20 follows, %.0f changes/s", rate),
                format("p50 %.1f / p99 %.1f / p99.9 %.1f ms (%d of %d events); p99 until the row's write was sent %.1f ms, after it %.1f ms",
                        events.p50(), events.p99(), events.p999(), notify.received(), notify.expected(),
                        Latencies.of(notify.untilGridWrite()).p99(), Latencies.of(notify.afterGridWrite()).p99()),
                "p99 <= 50 ms", events.p99() <= 50 && notify.received() == notify.expected()));
    }

    /** c. again with every target's privacy at its largest: what the check costs an event, against c. */
    static void privateNotify(List<ResultTable.Row> rows, NotifyLatency.Result notify, NotifyLatency.Result plain, double rate) {
        Latencies events = Latencies.of(notify.latencies());
        Latencies after = Latencies.of(notify.afterGridWrite());
        rows.add(row(format("c2. as c., every target allowing 1,000 ids and blocking 500 (its followers allowed), %.0f changes/s", rate),
                format("p50 %.1f / p99 %.1f ms (%d of %d events); p99 after the row's write was sent %.1f ms against c.'s %.1f ms",
                        events.p50(), events.p99(), notify.received(), notify.expected(), after.p99(),
                        Latencies.of(plain.afterGridWrite()).p99()),
                "every event, p99 <= 50 ms", events.p99() <= 50 && notify.received() == notify.expected()));
    }

    /** c3. one channel's watchers: how fast a watch answers, and member events under changes, leaves and joins. */
    static void channel(List<ResultTable.Row> rows, ChannelWatchLatency.Result channel, double rate) {
        Latencies updated = Latencies.of(channel.updated());
        Latencies comings = Latencies.of(channel.joinedOrLeft());
        rows.add(row(format("c3. one channel of %,d members, %d watching sockets, %.0f member changes/s, then 50 leaves and 50 joins",
                        channel.members(), channel.watchers(), rate),
                format("member events p50 %.1f / p99 %.1f ms (%d of %d; p50 / p99 until the row's write was sent %.1f / %.1f, after it %.1f / %.1f),"
                                + " left/joined p99 %.1f ms (%d of %d); watch answered in %.0f ms "
                                + "by the first watcher (the channel read), p99 %.1f ms by the others; cores busy while timed: %s;"
                                + " the members' sessions refreshed meanwhile: %.0f/s",
                        updated.p50(), updated.p99(), channel.updatedReceived(), channel.updatedExpected(),
                        Latencies.of(channel.updatedUntilWrite()).p50(), Latencies.of(channel.updatedUntilWrite()).p99(),
                        Latencies.of(channel.updatedAfterWrite()).p50(), Latencies.of(channel.updatedAfterWrite()).p99(),
                        comings.p99(),
                        channel.joinedOrLeftReceived(), channel.joinedOrLeftExpected(), channel.firstWatchMillis(),
                        Latencies.of(channel.watchMillis()).p99(), channel.cpu().coresSummary(), channel.refreshesPerSecond()),
                "member events p99 <= 50 ms", updated.p99() <= 50 && comings.p99() <= 50
                        && channel.updatedReceived() == channel.updatedExpected()
                        && channel.joinedOrLeftReceived() == channel.joinedOrLeftExpected()));
    }

    static void idleSockets(List<ResultTable.Row> rows, SocketCapacity.Result sockets) {
        rows.add(row(format("d. idle subscriber sockets, one API node (%,d asked for)", sockets.wanted()),
                format("%d open (API counts %.0f), %.0f heap bytes each, opened in %.0f s", sockets.opened(),
                        sockets.apiSocketsOpen(), sockets.heapBytesPerSocket(), sockets.openSeconds()),
                "<= 16 KB heap each, every socket asked for open", idleSocketsMeetGoal(sockets)));
    }

    /**
     * The goal is the heap an idle socket costs. How many open is held to what was asked for, which the
     * machine's open-file limit caps (19,000 here), not to a count this machine cannot reach.
     */
    static boolean idleSocketsMeetGoal(SocketCapacity.Result sockets) {
        return sockets.opened() >= sockets.wanted() && sockets.apiSocketsOpen() >= sockets.wanted()
                && sockets.heapBytesPerSocket() <= IDLE_SOCKET_HEAP_GOAL_BYTES;
    }

    static void memory(List<ResultTable.Row> rows, GridMemoryPerUser.Result memory, int users) {
        rows.add(row(format("e. grid memory per online user, per copy (%,d users)", users),
                format("%.0f bytes (PRESENCE %.0f + DEVICE_SESSION %.0f)", memory.bytesPerUserCopy(),
                        memory.presenceBytesPerUserCopy(), memory.sessionBytesPerUserCopy()),
                "<= 300 bytes", memory.bytesPerUserCopy() <= 300));
    }

    static void offline(List<ResultTable.Row> rows, OfflineDetection.Result offline) {
        Latencies detection = Latencies.of(offline.sinceHeartbeat());
        rows.add(row(format("f. last heartbeat to `expired` event, TTL %d s", offline.ttlSeconds()),
                format("p50 %.0f / p99 %.0f ms (%d never came)", detection.p50(), detection.p99(), offline.missing()),
                "p99 <= TTL + 2 s", detection.p99() <= offline.ttlSeconds() * 1000.0 + 2000 && offline.missing() == 0));
    }

    static void deviceSockets(List<ResultTable.Row> rows, DeviceSocketHold.Result devices, int openFileLimit) {
        String asked = devices.wanted() < BenchOptions.DEVICE_SOCKET_GOAL
                ? format("%,d asked for: the open-file limit, %,d, is below what 50,000 need", devices.wanted(), openFileLimit)
                : format("%,d asked for", devices.wanted());
        rows.add(row(format("g. device sockets, one per user, one API node, held 2 TTLs + 5 s = %d s (%s)", devices.holdSeconds(), asked),
                format("%d open throughout (%d failed to open, %d closed by the API); observers saw %d false `expired` events and"
                                + " %d other changes; read back: %d of %d not online at the start, %d offline or at another version"
                                + " at the end; %.0f heap bytes each; opened in %.0f s; while holding, grid nodes + API busy %.2f cores"
                                + " and the API refreshed %.0f sessions/s (%.1f ms per batch) of the %.0f/s a refresh per socket each third of a held session's TTL needs",
                        devices.held(), devices.failedToOpen(), devices.closedByServer(), devices.falseExpiries(),
                        devices.laterChanges() - devices.falseExpiries(), devices.notOnlineAtStart(), devices.usersRead(),
                        devices.changedAtEnd(), devices.heapBytesPerSocket(), devices.openSeconds(), devices.holdCpu().cores(),
                        devices.refreshesPerSecond(), devices.meanRefreshBatchMillis(), devices.refreshesNeededPerSecond()),
                format("%,d, 0 false expiries", Math.min(BenchOptions.DEVICE_SOCKET_GOAL, devices.wanted())),
                devices.held() >= devices.wanted() && devices.clean()));
    }

    static void socketChanges(List<ResultTable.Row> rows, DeviceSocketHold.Result devices, int seconds, CeilingRuns ceiling) {
        double mixMicros = socketChangesAlone(rows, devices, seconds);
        double ratio = mixMicros / ceiling.cpuMicrosPerPut();
        rows.add(row("h. CPU per update of a client on a device socket at b.'s mix (nine refreshes to one change), grid nodes + API",
                format("%.0f \u00b5s", mixMicros),
                format("<= 2 x a.'s %.0f \u00b5s: %.1f x", ceiling.cpuMicrosPerPut(), ratio), ratio <= 2));
    }

    /**
     * h.'s row without the comparison with the fair ceiling ({@code --only g} runs no ceiling).
     *
     * @return the CPU per update at b.'s mix, in microseconds
     */
    static double socketChangesAlone(List<ResultTable.Row> rows, DeviceSocketHold.Result devices, int seconds) {
        SocketChanges.Result socket = devices.changes();
        Latencies toEvent = Latencies.of(socket.changes().latencies());
        rows.add(row(format("h. updates over the same device sockets, after g.'s verdict: `status` frames at %.0f/s for %d s (open"
                                + " loop), beside the API's own refreshes; CPU per refresh from g.'s hold", socket.changesPerSecond(), seconds),
                format("a socket kept alive a third of the TTL (a heartbeat's worth) %s; a change frame %s, beyond the refreshes (%d sent, %d failed, %d queued behind a busy socket; to its event at an observer"
                                + " p50 %.1f / p99 %.1f / p99.9 %.1f ms)", socket.refreshing().summary(),
                        socket.changeCost().summary(), socket.changes().sent(), socket.changes().failed(),
                        socket.changes().queued(), toEvent.p50(), toEvent.p99(), toEvent.p999()),
                "", socket.changes().failed() == 0));
        return socket.mixMicros();
    }

    private static ResultTable.Row row(String measure, String result, String goal, boolean met) {
        return ResultTable.row(measure, result, goal, met);
    }

    private static String puts(PutLoop.Measured run) {
        return run.puts().summary() + "; CPU per put " + run.cpu().summary();
    }

    private static String format(String template, Object... values) {
        return String.format(Locale.ROOT, template, values);
    }
}
