package dev.nabla.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap while a piece of work runs, from the garbage collector's own reports: the peak is the
 * largest heap in use at one moment (the sum over pools just before a collection, garbage included), and the
 * live peak is the largest heap still in use just after a collection (what the work really holds).
 * Summing each pool's separate peak, as {@code MemoryPoolMXBean.getPeakUsage} invites, over-counts: the
 * pools peak at different moments.
 */
public final class HeapWatch implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong(), live = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;

    private HeapWatch() {}

    /** Starts watching; close it to stop. */
    public static HeapWatch start() {
        HeapWatch w = new HeapWatch();
        w.sampleNow();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(w.listener, null, null);
                w.emitters.add(e);
            }
        }
        return w;
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
        peak.accumulateAndGet(sum(info.getMemoryUsageBeforeGc()), Math::max);
        live.accumulateAndGet(sum(info.getMemoryUsageAfterGc()), Math::max);
    }

    private static long sum(Map<String, MemoryUsage> pools) {
        long s = 0;
        for (var e : pools.entrySet()) {
            // Only heap pools: the collector's report also lists Metaspace and the code cache.
            if (isHeapPool(e.getKey())) s += e.getValue().getUsed();
        }
        return s;
    }

    private static boolean isHeapPool(String name) {
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(name)) return p.getType() == java.lang.management.MemoryType.HEAP;
        }
        return false;
    }

    private void sampleNow() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
    }

    /** The largest heap in use at one moment, garbage included, in bytes. */
    public long peakBytes() {
        sampleNow();
        return peak.get();
    }

    /** The largest heap still in use just after a collection, in bytes (0 when no collection ran). */
    public long liveBytes() {
        return live.get();
    }

    @Override
    public void close() {
        sampleNow();
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
