package org.billingreports.billingjob;

import java.math.BigDecimal;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;

/** The columns of a call record that rating needs. */
public record CallToRate(long id, String customerId, Channel channel, Direction direction, String status,
		long billableSeconds, BigDecimal carrierCost) {
}
