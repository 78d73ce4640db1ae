package org.billingreports.rating;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EffectiveSettingsTest {

	private static final BillingSettings ACCOUNT = settings("1");

	private static final BillingSettings CHILD = settings("2");

	private static BillingSettings settings(String baseCost) {
		return BillingSettings.of(Map.of(BillingItem.BASE,
				new ItemSettings(new BigDecimal(baseCost), BigDecimal.ZERO, BigDecimal.ZERO, 0)));
	}

	@Test
	void customersInheritUpTheTreeUntilOneOverrides() {
		List<CustomerNode> tree = List.of(new CustomerNode("top", null, false, settings("9")),
				new CustomerNode("child", "top", true, CHILD), new CustomerNode("grandchild", "child", false, null),
				new CustomerNode("great", "grandchild", false, BillingSettings.NONE),
				new CustomerNode("other", null, true, BillingSettings.NONE));
		EffectiveSettings effective = new EffectiveSettings(ACCOUNT, tree);
		assertThat(effective.of("top")).isEqualTo(ACCOUNT);
		assertThat(effective.of("child")).isEqualTo(CHILD);
		assertThat(effective.of("grandchild")).isEqualTo(CHILD);
		assertThat(effective.of("great")).isEqualTo(CHILD);
		// Overriding with nothing means everything is free, not "fall back to the account".
		assertThat(effective.of("other")).isEqualTo(BillingSettings.NONE);
		assertThat(effective.sourceOf("top")).as("the account's").isNull();
		assertThat(effective.sourceOf("child")).isEqualTo("child");
		assertThat(effective.sourceOf("great")).isEqualTo("child");
	}

	@Test
	void aCycleIsReportedNotLoopedForever() {
		EffectiveSettings effective = new EffectiveSettings(ACCOUNT,
				List.of(new CustomerNode("a", "b", false, null), new CustomerNode("b", "a", false, null)));
		assertThatIllegalArgumentException().isThrownBy(() -> effective.of("a")).withMessageContaining("cycle");
		assertThatIllegalArgumentException().isThrownBy(() -> effective.sourceOf("b")).withMessageContaining("cycle");
	}

	@Test
	void subtreeHoldsACustomerAndAllItsDescendants() {
		List<CustomerNode> tree = List.of(new CustomerNode("top", null, false, null),
				new CustomerNode("child", "top", false, null), new CustomerNode("grandchild", "child", false, null),
				new CustomerNode("sibling", null, false, null));
		assertThat(EffectiveSettings.subtree("top", tree)).containsExactlyInAnyOrder("top", "child", "grandchild");
		assertThat(EffectiveSettings.subtree("child", tree)).containsExactlyInAnyOrder("child", "grandchild");
	}

}
