package org.billingreports.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap a run really needs: the most heap left in use after any garbage collection during the run
 * (the live set), which stays flat when nothing grows with the volume; and the peak of heap in use,
 * garbage included, which only says how much of {@code -Xmx} the collector chose to fill.
 */
final class HeapWatch {

	private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	private final AtomicLong liveAfterGc = new AtomicLong();

	private final NotificationListener listener = (notification, handback) -> {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			long used = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
			this.liveAfterGc.accumulateAndGet(used, Math::max);
		}
	};

	HeapWatch() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) collector).addNotificationListener(this.listener, null, null);
		}
	}

	/** Starts a measurement from a collected heap. */
	void reset() {
		System.gc();
		this.liveAfterGc.set(0);
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/** The largest heap in use right after a collection since {@link #reset()}, in MB. */
	long liveMegabytes() {
		return this.liveAfterGc.get() >> 20;
	}

	/** The peak of heap in use since {@link #reset()}, garbage included, in MB. */
	long peakMegabytes() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum() >> 20;
	}

	static long maxHeapMegabytes() {
		return Runtime.getRuntime().maxMemory() >> 20;
	}

	private static long heapUsed(Map<String, MemoryUsage> usageByPool) {
		return usageByPool.entrySet()
			.stream()
			.filter(pool -> HEAP_POOLS.contains(pool.getKey()))
			.mapToLong(pool -> pool.getValue().getUsed())
			.sum();
	}

}
