package org.billingreports.billingjob;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class CallRangePartitionerTest {

	@Test
	void coversEveryIdOnceInNamedRanges() {
		assertThat(ranges(new CallRangePartitioner(10, 19).partition(3)))
			.containsExactly("partition0=10-13", "partition1=14-17", "partition2=18-19");
		assertThat(ranges(new CallRangePartitioner(5, 5).partition(2))).containsExactly("partition0=5-5",
				"partition1=6-5");
	}

	@Test
	void alwaysTheGridSizeEvenWithoutCalls() {
		assertThat(ranges(new CallRangePartitioner(1, 0).partition(2))).containsExactly("partition0=1-0",
				"partition1=1-0");
	}

	private static List<String> ranges(Map<String, ExecutionContext> partitions) {
		return partitions.entrySet()
			.stream()
			.map(partition -> partition.getKey() + "=" + partition.getValue().getLong(CallRangePartitioner.MIN_ID)
					+ "-" + partition.getValue().getLong(CallRangePartitioner.MAX_ID))
			.toList();
	}

}
