package io.mezzo.internal.hosting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripts {@link HostedFrameworks} lists, oldest first, with the ids it hands out and the
 * deploy-directory scripts a failover left for the directory scan to start. Not thread-safe:
 * the registry calls it holding its own monitor, which guards the entries too.
 */
final class HostedTable {
    private static final Pattern ID = Pattern.compile("hosted-(\\d+)");

    private final int historyLimit;
    private final Map<String, HostedEntry> entries = new LinkedHashMap<>();
    /** Stored deploy-directory scripts that had not ended, by file name, until the scan starts them. */
    private final Map<String, StoredHosted> awaitingScan = new LinkedHashMap<>();
    private long nextId = 1;

    HostedTable(int historyLimit) {
        this.historyLimit = historyLimit;
    }

    String allocateId() {
        return "hosted-" + nextId++;
    }

    /** The entry {@code id}; null when unknown. */
    HostedEntry get(String id) {
        return entries.get(id);
    }

    void put(HostedEntry entry) {
        entries.put(entry.id(), entry);
    }

    List<Hosted> views() {
        return entries.values().stream().map(HostedEntry::view).toList();
    }

    /** The id of the script that runs (or ran) the framework {@code frameworkId}, a running one first. */
    Optional<String> scriptOf(String frameworkId) {
        return entries.values().stream()
                .filter(e -> e.running != null && e.frameworkId().map(frameworkId::equals).orElse(false))
                .sorted((a, b) -> Boolean.compare(a.state.ended(), b.state.ended()))
                .map(HostedEntry::id).findFirst();
    }

    /** The scripts started here that have not ended. */
    List<HostedEntry> running() {
        return entries.values().stream().filter(e -> !e.state.ended() && e.running != null).toList();
    }

    /** The stored script of deploy file {@code file} that the scan is to resume; null when none. */
    StoredHosted takeAwaiting(String file) {
        return awaitingScan.remove(file);
    }

    /**
     * Marks every running script suspended and fences its connection, so it sends nothing more,
     * and unlists it; forgets the scripts awaiting the scan. Answers the scripts, to be stopped.
     */
    List<HostedEntry> suspendRunning() {
        List<HostedEntry> running = running();
        running.forEach(e -> {
            e.suspended = true;
            e.connection.fence();
        });
        entries.values().removeAll(running);
        awaitingScan.clear();
        return running;
    }

    /**
     * Takes over {@code stored} (oldest first): ids go on after the highest stored one, ended
     * scripts are listed, deploy-directory ones wait for the scan, scripts running here stay as
     * they are. Answers the others, to be started again.
     */
    List<StoredHosted> adopt(List<StoredHosted> stored) {
        stored.forEach(s -> nextId = Math.max(nextId, number(s.id()) + 1));
        List<StoredHosted> again = new ArrayList<>();
        for (StoredHosted s : stored) {
            HostedEntry here = entries.get(s.id());
            if (here != null && !here.suspended) {
                continue; // already running (or listed) here
            }
            entries.remove(s.id());
            if (s.state().ended()) {
                HostedEntry history = new HostedEntry(s, null, null);
                history.end(s.state(), s.reason().orElse(""), s.result());
                entries.put(s.id(), history);
            } else if (s.origin() == Hosted.Origin.DEPLOY_DIR) {
                s.deployFile().ifPresent(f -> awaitingScan.put(f, s));
            } else {
                again.add(s);
            }
        }
        return again;
    }

    /** Forgets the oldest ended scripts past the limit. Returns their ids, for the store. */
    List<String> trimHistory() {
        List<String> forgotten = new ArrayList<>();
        long endedCount = entries.values().stream().filter(e -> e.state.ended()).count();
        var it = entries.values().iterator();
        while (endedCount > historyLimit && it.hasNext()) {
            HostedEntry next = it.next();
            if (next.state.ended()) {
                it.remove();
                endedCount--;
                forgotten.add(next.id());
            }
        }
        return forgotten;
    }

    private static long number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
